import { dbPoolMaxFromEnv, poolBudget } from './pool-budget';

describe('pool budget', () => {
  it('sums the parts by default, never below the floor', () => {
    expect(poolBudget({ jobs: 8, probes: 2 })).toEqual({ max: 10, parts: { jobs: 8, probes: 2 }, source: 'default' });
    expect(poolBudget({ jobs: 0 }, undefined, 3).max).toBe(3);
  });

  it('takes DB_POOL_MAX over the sum, and refuses one below the floor', () => {
    expect(poolBudget({ jobs: 8, probes: 2 }, 4, 2)).toMatchObject({ max: 4, source: 'DB_POOL_MAX' });
    expect(() => poolBudget({ jobs: 8 }, 2, 5)).toThrow('DB_POOL_MAX=2 is below');
  });

  it('reads DB_POOL_MAX as a positive integer, unset or empty meaning the default', () => {
    expect(dbPoolMaxFromEnv({})).toBeUndefined();
    expect(dbPoolMaxFromEnv({ DB_POOL_MAX: '' })).toBeUndefined();
    expect(dbPoolMaxFromEnv({ DB_POOL_MAX: '12' })).toBe(12);
    for (const bad of ['0', '-1', '2.5', 'many']) expect(() => dbPoolMaxFromEnv({ DB_POOL_MAX: bad })).toThrow();
  });
});
