import { poolBudget } from '@sf/db';
import { fetcherPool, JOB_CONNECTIONS } from './fetcher-pool';

describe('fetcher pool budget', () => {
  it('does not grow with the workers past JOB_CONNECTIONS: a worker waiting on Clio holds no connection', () => {
    const size = (workers: number): number => {
      const p = fetcherPool({ workers, writerSlots: 4 });
      return poolBudget(p.parts, undefined, p.floor).max;
    };
    expect(size(2)).toBe(12);
    expect(size(25)).toBe(JOB_CONNECTIONS + 10);
    expect(size(200)).toBe(size(25));
  });

  it('keeps a connection beyond the writer slots, each of which holds one through its turn', () => {
    expect(fetcherPool({ workers: 2, writerSlots: 4 }).floor).toBe(5);
    expect(fetcherPool({ workers: 2, writerSlots: 0 }).floor).toBe(1);
  });
});
