import { retryThroughOutage } from './retry-through-outage';

describe('retryThroughOutage', () => {
  it('retries a failing write until it succeeds', async () => {
    let calls = 0;
    const r = await retryThroughOutage(
      async () => {
        calls += 1;
        if (calls < 3) throw new Error('connection refused');
        return 'written';
      },
      { everyMs: 5, forMs: 1_000 },
    );
    expect([r, calls]).toEqual(['written', 3]);
  });

  it('throws the last error once the time is up, having tried for that long', async () => {
    let calls = 0;
    const started = Date.now();
    const err: unknown = await retryThroughOutage(
      async () => {
        calls += 1;
        throw new Error(`refused ${calls}`);
      },
      { everyMs: 10, forMs: 35 },
    ).catch((e: unknown) => e);
    // How many attempts fit depends on the machine's load; the contract is the last error, after about forMs.
    expect(err).toEqual(new Error(`refused ${calls}`));
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(25);
  });
});
