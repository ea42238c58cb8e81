/**
 * How every process connects to NATS: the one place for connection options (URL, reconnect pacing, the give-up;
 * credentials belong here too). `connectNats` turns them into the client's options.
 */
export interface NatsClientSettings {
  /** `NATS_URL`: one server, or a cluster's seed servers comma-separated. Default `nats://127.0.0.1:4222`. */
  url: string;
  /** First pause between reconnect attempts, doubled per failed attempt up to `reconnectMaxWaitMs`. Default 250. */
  reconnectWaitMs: number;
  /** Longest pause between reconnect attempts, ms. Default 2 000, so a returning server is found within ~2 s. */
  reconnectMaxWaitMs: number;
  /** Random extra pause (0..jitter) per attempt, so replicas do not reconnect in lockstep, ms. Default 500. */
  reconnectJitterMs: number;
  /**
   * Disconnected this long, the connection is closed for good and the process exits non-zero (its supervisor
   * restarts it), ms. 0 = reconnect forever. Default 0.
   */
  giveUpAfterMs: number;
}

export const DEFAULT_NATS_URL = 'nats://127.0.0.1:4222';

export const NATS_CLIENT_DEFAULTS: NatsClientSettings = {
  url: DEFAULT_NATS_URL,
  reconnectWaitMs: 250,
  reconnectMaxWaitMs: 2_000,
  reconnectJitterMs: 500,
  giveUpAfterMs: 0,
};

/** Environment variables of the NATS client (see docs/architecture.md, "Outages"). */
export const NatsClientEnv = {
  url: 'NATS_URL',
  reconnectWaitMs: 'SF_NATS_RECONNECT_WAIT_MS',
  reconnectMaxWaitMs: 'SF_NATS_RECONNECT_MAX_WAIT_MS',
  reconnectJitterMs: 'SF_NATS_RECONNECT_JITTER_MS',
  giveUpAfterMs: 'SF_NATS_GIVE_UP_MS',
} as const;

const nonNegative = (env: NodeJS.ProcessEnv, name: string): number | undefined => {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!(Number.isSafeInteger(n) && n >= 0)) throw new Error(`${name} must be a non-negative integer`);
  return n;
};

/** The settings from the environment over the defaults; a bad value names its variable, never the value. */
export const natsClientSettingsFromEnv = (env: NodeJS.ProcessEnv = process.env): NatsClientSettings => {
  const s = { ...NATS_CLIENT_DEFAULTS };
  s.url = env[NatsClientEnv.url] || s.url;
  for (const key of ['reconnectWaitMs', 'reconnectMaxWaitMs', 'reconnectJitterMs', 'giveUpAfterMs'] as const) {
    s[key] = nonNegative(env, NatsClientEnv[key]) ?? s[key];
  }
  return s;
};

/** Pause before reconnect attempt `attempt` (0-based): doubling from the wait to the cap, plus jitter. */
export const reconnectDelayMs = (s: NatsClientSettings, attempt: number, random: number): number =>
  Math.min(s.reconnectMaxWaitMs, s.reconnectWaitMs * 2 ** Math.min(attempt, 20)) +
  Math.floor(random * s.reconnectJitterMs);
