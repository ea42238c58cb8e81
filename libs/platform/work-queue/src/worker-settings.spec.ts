import { workerSettings, workerSettingsFromEnv } from './worker-settings';

describe('worker settings', () => {
  it('defaults to an 8 s lease renewed every 2.5 s, so a killed worker’s job is taken over within seconds', () => {
    const s = workerSettings({ workerId: 'w' });
    expect(s).toEqual({ workerId: 'w', leaseMs: 8_000, renewEveryMs: 2_500, pollMs: 500 });
  });

  it('renews a short lease every third of it, and refuses a renewal that two missed beats would outlive', () => {
    expect(workerSettings({ leaseMs: 2_000 }).renewEveryMs).toBe(666);
    expect(() => workerSettings({ leaseMs: 6_000, renewEveryMs: 3_000 })).toThrow(
      'renewEveryMs must be at least 100 and at most a third of leaseMs',
    );
  });

  it('reads <PREFIX>_LEASE_MS and <PREFIX>_RENEW_MS', () => {
    expect(workerSettingsFromEnv({ FETCHER_LEASE_MS: '15000', FETCHER_RENEW_MS: '4000' }, 'FETCHER')).toEqual({
      leaseMs: 15_000,
      renewEveryMs: 4_000,
    });
  });
});
