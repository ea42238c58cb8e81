import type { Random } from './seeded-random';

/** What a fault does to a matching request (or, for `webhook_failure`, to a webhook delivery attempt). */
export const FaultKind = {
  /** 429 with `Retry-After` and Clio's error body, whatever the token's real budget. */
  RateLimit: 'rate_limit',
  /** A 5xx (`status`, default 500) with Clio's error body. */
  ServerError: 'server_error',
  /** Adds `delayMs` of real latency, then serves the request normally. */
  Slow: 'slow',
  /** Sends nothing and drops the connection after `delayMs` (default 30 s): the client sees a timeout or reset. */
  Timeout: 'timeout',
  /** Serves the real response with its body cut in half: invalid JSON with status 200 and a JSON content type. */
  MalformedJson: 'malformed_json',
  /** Serves a list page with only `keep` records (default half) while `meta.paging` still points onwards. */
  TruncatedPage: 'truncated_page',
  /** 401 `invalid_token` as if the token had been revoked (the token itself stays valid). */
  RevokedToken: 'revoked_token',
  /**
   * Serves the request in full (a write is applied) and then drops the connection instead of answering: the client
   * sees a reset and cannot tell whether its write happened (a lost response).
   */
  DropResponse: 'drop_response',
  /** A webhook delivery attempt fails without reaching the receiver and is retried on the normal schedule. */
  WebhookFailure: 'webhook_failure',
} as const;
export type FaultKind = (typeof FaultKind)[keyof typeof FaultKind];
export const ALL_FAULT_KINDS: readonly FaultKind[] = Object.values(FaultKind);

export interface FaultPlanInput {
  kind: FaultKind;
  /**
   * Glob on the request path (`*` matches any run of characters), e.g. `/api/v4/matters*`. For `webhook_failure` it
   * is matched against the webhook URL. Default: every `/api/v4` path (every URL for webhooks).
   */
  path?: string;
  /** Only this HTTP method. Default: any. */
  method?: string;
  /** Only requests bearing this access token. Default: any. */
  token?: string;
  /** Only deliveries of this webhook id (`webhook_failure`). Default: any. */
  webhookId?: number;
  /** Fires at most this many times. Default: unlimited. */
  count?: number;
  /** Chance to fire per matching request, 0..1, drawn from the seeded PRNG. Default 1. */
  probability?: number;
  /** Active for this many ms of simulator-clock time from creation. Default: until removed. */
  durationMs?: number;
  /** `server_error`: HTTP status. Default 500. */
  status?: number;
  /** `slow`: added latency; `timeout`: time before the connection is dropped. Real-time ms. Defaults 1,000 / 30,000. */
  delayMs?: number;
  /** `rate_limit`: the `Retry-After` value in seconds. Default 60. */
  retryAfterSeconds?: number;
  /** `truncated_page`: records left in `data`. Default: half, rounded down. */
  keep?: number;
}

export interface FaultPlan extends FaultPlanInput {
  id: string;
  /** epoch ms, simulator clock */
  createdAt: number;
  /** epoch ms; undefined = no end */
  endsAt?: number;
  /** Times it fired so far. */
  fired: number;
}

/** What a fault is tested against. */
export interface FaultTarget {
  /** Request path, or the webhook URL for deliveries. */
  path: string;
  method?: string;
  token?: string;
  webhookId?: number;
  delivery: boolean;
}

export type FaultInputResult = { ok: true; plan: FaultPlan } | { ok: false; message: string };

export const validateFaultInput = (input: unknown, id: string, now: number): FaultInputResult => {
  if (typeof input !== 'object' || input === null) return { ok: false, message: 'fault must be an object' };
  const i = input as FaultPlanInput;
  if (!ALL_FAULT_KINDS.includes(i.kind))
    return { ok: false, message: `kind must be one of ${ALL_FAULT_KINDS.join(', ')}` };
  if (i.probability !== undefined && !(i.probability >= 0 && i.probability <= 1)) {
    return { ok: false, message: 'probability must be within 0..1' };
  }
  for (const k of ['count', 'durationMs', 'delayMs', 'retryAfterSeconds', 'keep'] as const) {
    if (i[k] !== undefined && !(Number.isFinite(i[k]) && (i[k] as number) >= 0))
      return { ok: false, message: `${k} must be a non-negative number` };
  }
  if (i.status !== undefined && !(Number.isInteger(i.status) && i.status >= 100 && i.status <= 599)) {
    return { ok: false, message: 'status must be an HTTP status code' };
  }
  const endsAt = i.durationMs === undefined ? undefined : now + i.durationMs;
  return { ok: true, plan: { ...i, id, createdAt: now, endsAt, fired: 0 } };
};

const globCache = new Map<string, RegExp>();
export const globMatches = (glob: string, value: string): boolean => {
  let re = globCache.get(glob);
  if (!re) {
    re = new RegExp(
      `^${glob
        .split('*')
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
        .join('.*')}$`,
    );
    globCache.set(glob, re);
  }
  return re.test(value);
};

export const isActive = (p: FaultPlan, now: number): boolean =>
  (p.count === undefined || p.fired < p.count) && (p.endsAt === undefined || now < p.endsAt) && now >= p.createdAt;

const inScope = (p: FaultPlan, t: FaultTarget): boolean => {
  if ((p.kind === FaultKind.WebhookFailure) !== t.delivery) return false;
  if (p.method && t.method && p.method.toUpperCase() !== t.method.toUpperCase()) return false;
  if (p.token !== undefined && p.token !== t.token) return false;
  if (p.webhookId !== undefined && p.webhookId !== t.webhookId) return false;
  const glob = p.path ?? (t.delivery ? '*' : '/api/v4/*');
  return globMatches(glob, t.path);
};

/**
 * First active plan that matches and wins its dice roll; it is counted as fired. Plans are tried in creation order;
 * the PRNG is drawn only for in-scope plans with probability < 1, so runs replay exactly for the same seed.
 */
export const pickFault = (
  plans: readonly FaultPlan[],
  target: FaultTarget,
  now: number,
  rng: Random,
): FaultPlan | undefined => {
  for (const p of plans) {
    if (!isActive(p, now) || !inScope(p, target)) continue;
    if (p.probability !== undefined && p.probability < 1 && rng() >= p.probability) continue;
    p.fired++;
    return p;
  }
  return undefined;
};
