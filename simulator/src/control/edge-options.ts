import type { ActivityOptions } from '../activity/activity-options';
import type { OAuthOptions } from '../oauth/oauth-options';
import type { RateLimitOptions } from '../rate-limit/rate-limit-options';
import type { WebhookOptions } from '../webhooks/webhook-options';

/** SIM-EDGE's part of `SimulatorOptions`. */
export interface EdgeOptions {
  /** OAuth apps, token lifetime, auto-approve. Default: enforced, with the demo app. */
  oauth?: OAuthOptions;
  /** Per-token limits; `false` turns rate limiting off (it can be turned on via the control API). Default 50/60 s. */
  rateLimit?: RateLimitOptions | false;
  /** Webhook delivery settings. */
  webhooks?: WebhookOptions;
  /** Seed of the fault-injection PRNG. Default 1. */
  faultSeed?: number;
  /** Activity generator settings. */
  activity?: ActivityOptions;
  /** If set, every control-API request must carry `X-Sim-Control-Key: <key>`. Default: no key. */
  controlKey?: string;
}

/** Prefix of the control API on the primary region's server; never a Clio path. */
export const CONTROL_PREFIX = '/_control';

export const CONTROL_KEY_HEADER = 'x-sim-control-key';
