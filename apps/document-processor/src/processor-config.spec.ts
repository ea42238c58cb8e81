import { processorConfig, processorConfigFromEnv } from './processor-config';

describe('processor config', () => {
  it('defaults to 4 documents at once on the backfill lane, port 3004', () => {
    const c = processorConfig({ databaseUrl: 'postgres://x/y', natsUrl: 'nats://x' });
    expect({ port: c.port, concurrency: c.concurrency, lane: c.lane, maxAttempts: c.maxAttempts }).toEqual({
      port: 3004,
      concurrency: 4,
      lane: 'backfill',
      maxAttempts: 3,
    });
  });

  it('reads the environment and rejects bad values', () => {
    const env = {
      DATABASE_URL: 'postgres://x/y',
      PROCESSOR_CONCURRENCY: '8',
      PROCESSOR_LANE: 'interactive',
      PORT: '0',
    };
    expect(processorConfigFromEnv(env)).toMatchObject({ concurrency: 8, lane: 'interactive', port: 0 });
    expect(() => processorConfigFromEnv({ ...env, PROCESSOR_CONCURRENCY: '0' })).toThrow('concurrency');
    expect(() => processorConfigFromEnv({ ...env, PROCESSOR_LANE: 'bulk' })).toThrow('PROCESSOR_LANE');
  });
});
