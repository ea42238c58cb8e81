import { SyncReason, type SyncDecision } from '@sf/sync-policy';
import type { SyncRequestResult } from '../sync/request-sync';
import type { HttpResponse } from './http-types';

/**
 * HTTP status of each decision. 202: a job started (or restarted). 200: nothing to do and nothing wrong. 409: the
 * scope's state prevents it (a job already covers it, or the Clio connection is unusable: reconnecting is the
 * fix, not re-authenticating with us, so not 401/403). 429: throttled (cooldown or Clio rate budget), with
 * Retry-After.
 */
export const DECISION_STATUS: { readonly [R in SyncReason]: number } = {
  [SyncReason.Ok]: 202,
  [SyncReason.StaleBypass]: 202,
  [SyncReason.StalledRestart]: 202,
  [SyncReason.AlreadySynced]: 200,
  [SyncReason.NothingToSync]: 200,
  [SyncReason.AlreadySyncing]: 409,
  [SyncReason.BlockedUntil]: 409,
  [SyncReason.NeedsReauth]: 409,
  [SyncReason.ConnectionRevoked]: 409,
  [SyncReason.ConnectionMissing]: 409,
  [SyncReason.Cooldown]: 429,
  [SyncReason.RateBudgetExhausted]: 429,
  [SyncReason.RateBudgetReserved]: 429,
};

const ERROR_NAMES: Record<number, string> = { 409: 'Conflict', 429: 'Too Many Requests' };

export interface DecisionBody {
  /** True when a job was opened or restarted. */
  accepted: boolean;
  /** The job opened or restarted, or the job already covering the scope. */
  jobId?: string;
  decision: {
    action: SyncDecision['action'];
    reason: SyncReason;
    message: string;
    cooldownMs?: number;
    retryAfterMs?: number;
    blockedUntil?: number;
  };
}

export interface DecisionResponse {
  status: number;
  /** Seconds for `Retry-After`, rounded up; set when the decision knows when to retry. */
  retryAfterSeconds?: number;
  body: DecisionBody & { statusCode?: number; error?: string; message?: string };
}

/** The HTTP answer to a sync request's result. Pure. */
export const decisionResponse = (r: SyncRequestResult): DecisionResponse => {
  const { action, reason, metadata = {} } = r.decision;
  const status = DECISION_STATUS[reason];
  const { cooldownMs, retryAfterMs, blockedUntil } = metadata;
  const body: DecisionBody = {
    accepted: action === 'start',
    ...(r.jobId === null ? {} : { jobId: r.jobId }),
    decision: {
      action,
      reason,
      message: r.message,
      ...(cooldownMs === undefined ? {} : { cooldownMs }),
      ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      ...(blockedUntil === undefined ? {} : { blockedUntil }),
    },
  };
  const error = ERROR_NAMES[status];
  return {
    status,
    ...(retryAfterMs === undefined ? {} : { retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) }),
    body: error === undefined ? body : { statusCode: status, error, message: r.message, ...body },
  };
};

/** Sets the status (and Retry-After) of a sync request's answer on the response and returns its body. */
export const sendDecision = (res: HttpResponse, result: SyncRequestResult): DecisionBody => {
  const r = decisionResponse(result);
  res.status(r.status);
  if (r.retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(r.retryAfterSeconds));
  return r.body;
};
