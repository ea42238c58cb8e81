import { fetcherConfig, fetcherConfigFromEnv } from './fetcher-config';

describe('fetcher config', () => {
  it('has the documented defaults', () => {
    const c = fetcherConfig({ databaseUrl: 'postgres://x', natsUrl: 'nats://y' });
    expect(c).toMatchObject({
      port: 3003,
      workers: 2,
      leaseMs: 8_000,
      renewEveryMs: 2_500,
      pollMs: 500,
      overlapMs: 300_000,
      pageSize: 200,
      maxAttempts: 5,
      retryBaseMs: 5_000,
      sweep: {
        maxDeleteShare: 0.5,
        holdAbove: 5,
        confirmBatch: 100,
        maxProbes: 200,
        catchUpTimeoutMs: 60_000,
        catchUpRetryMs: 15_000,
        mirrorPartitions: 1,
      },
    });
    expect(c.workerId).toMatch(/:\d+:[0-9a-f]{8}$/);
  });

  it('reads the environment and rejects nonsense', () => {
    const c = fetcherConfigFromEnv({
      DATABASE_URL: 'postgres://db',
      PORT: '0',
      HOST: '127.0.0.1',
      FETCHER_WORKERS: '4',
      FETCHER_PAGE_SIZE: '20',
      DB_POOL_MAX: '9',
      FETCHER_SWEEP_MAX_SHARE: '0.3',
      SF_NATS_NAMESPACE: 'ns',
      SF_MIRROR_PARTITIONS: '4',
    });
    expect(c).toMatchObject({
      databaseUrl: 'postgres://db',
      port: 0,
      host: '127.0.0.1',
      workers: 4,
      pageSize: 20,
      dbPoolMax: 9,
      sweep: { maxDeleteShare: 0.3, holdAbove: 5, mirrorPartitions: 4 },
      topology: { namespace: 'ns' },
    });
    expect(() => fetcherConfigFromEnv({ FETCHER_WORKERS: 'two' })).toThrow('FETCHER_WORKERS must be a number');
    expect(() => fetcherConfigFromEnv({ FETCHER_WORKERS: '0' })).toThrow('workers must be an integer >= 1');
    expect(() => fetcherConfigFromEnv({ FETCHER_PAGE_SIZE: '500' })).toThrow('pageSize must be an integer in 1..200');
    expect(() => fetcherConfigFromEnv({ DB_POOL_MAX: '0' })).toThrow('DB_POOL_MAX must be a positive integer');
    expect(() => fetcherConfigFromEnv({ FETCHER_SWEEP_MAX_SHARE: '2' })).toThrow('sweep.maxDeleteShare');
    expect(() => fetcherConfigFromEnv({ SF_MIRROR_PARTITIONS: '0' })).toThrow('SF_MIRROR_PARTITIONS must be');
  });
});
