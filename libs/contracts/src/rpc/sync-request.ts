import type { SyncScopeKind, SyncTrigger } from '../wire-names';

/**
 * Request-reply contract of the sync orchestrator: the one way another service asks for a sync over NATS. Core
 * NATS request-reply on `RpcSubjects.syncRequest` (queue group `sync-orchestrator`); the reply is the policy's
 * decision, the same one the HTTP API returns.
 */
export interface SyncRequestRpc {
  firmId: string;
  /** `{ kind: 'firm' }` or `{ kind: 'matter', matterId }`. */
  scope: { kind: SyncScopeKind; matterId?: string };
  trigger: SyncTrigger;
  /** Platform user who asked; omit or null for webhooks, schedules and maintenance. */
  requestedBy?: string | null;
}

export interface SyncRequestDecision {
  /** `start | skip | block` (`@sf/sync-policy` SyncAction). */
  action: string;
  /** Machine code (`@sf/sync-policy` SyncReason), e.g. `already_syncing`, `cooldown`. */
  reason: string;
  /** User-facing message for the decision; never a raw error. */
  message: string;
  /** Epoch ms / ms facts of the decision, when it has them. */
  cooldownMs?: number;
  retryAfterMs?: number;
  blockedUntil?: number;
}

export const SyncRequestFailures = {
  /** The request failed validation; `message` names the field. */
  invalidRequest: 'invalid_request',
  /** The orchestrator could not decide (database outage, too many concurrent conflicts). Retry later. */
  unavailable: 'unavailable',
} as const;
export type SyncRequestFailure = (typeof SyncRequestFailures)[keyof typeof SyncRequestFailures];

export type SyncRequestReply =
  /** `jobId`: the job started (or restarted), or the active job that already covers the scope. */
  | { ok: true; decision: SyncRequestDecision; jobId?: string }
  | { ok: false; reason: SyncRequestFailure; message: string };
