import { NATS_CLIENT_DEFAULTS, natsClientSettingsFromEnv, reconnectDelayMs } from './nats-client-settings';

describe('NATS client settings', () => {
  it('defaults to reconnecting forever, from 250 ms doubling to 2 s, with up to 500 ms of jitter', () => {
    expect(natsClientSettingsFromEnv({})).toEqual(NATS_CLIENT_DEFAULTS);
    expect(NATS_CLIENT_DEFAULTS.giveUpAfterMs).toBe(0);
    const delays = [0, 1, 2, 3, 4, 30].map((a) => reconnectDelayMs(NATS_CLIENT_DEFAULTS, a, 0));
    expect(delays).toEqual([250, 500, 1_000, 2_000, 2_000, 2_000]);
    expect(reconnectDelayMs(NATS_CLIENT_DEFAULTS, 0, 0.999)).toBe(250 + 499);
  });

  it('reads NATS_URL and the SF_NATS_* knobs, and names a bad variable without its value', () => {
    expect(
      natsClientSettingsFromEnv({
        NATS_URL: 'nats://nats:4222',
        SF_NATS_RECONNECT_WAIT_MS: '100',
        SF_NATS_RECONNECT_MAX_WAIT_MS: '5000',
        SF_NATS_RECONNECT_JITTER_MS: '0',
        SF_NATS_GIVE_UP_MS: '600000',
      }),
    ).toEqual({
      url: 'nats://nats:4222',
      reconnectWaitMs: 100,
      reconnectMaxWaitMs: 5_000,
      reconnectJitterMs: 0,
      giveUpAfterMs: 600_000,
    });
    expect(() => natsClientSettingsFromEnv({ SF_NATS_GIVE_UP_MS: '-1' })).toThrow(
      'SF_NATS_GIVE_UP_MS must be a non-negative integer',
    );
  });
});
