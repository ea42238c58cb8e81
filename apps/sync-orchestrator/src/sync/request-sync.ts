import { randomUUID } from 'node:crypto';
import type { SyncTrigger } from '@sf/contracts';
import { decideRequest, type SyncScope } from '@sf/sync-jobs';
import { describeDecision, type SyncDecision } from '@sf/sync-policy';
import { withConflictRetry } from './conflict-retry';
import { lockFirmRequests } from './firm-lock';
import { applyPlannedAppends } from './planned-appends';
import { loadScopeFacts } from './scope-facts';
import { readFirmScopeFor, readScope } from './stream-reads';
import type { SyncDeps } from './sync-deps';

export interface SyncRequestInput {
  firmId: string;
  scope: SyncScope;
  trigger: SyncTrigger;
  /** Platform user who asked; null for webhooks, schedules, maintenance. */
  requestedBy: string | null;
  /** Defaults to a fresh id (one request = one workflow). */
  correlationId?: string;
  /** The event that caused the request (a consumer), if any. */
  causationId?: string | null;
  /**
   * Ids to use instead of fresh ones: a consumer derives them from the causing event, so a redelivered event can
   * never open a second job (the append would repeat the same event id).
   */
  ids?: { jobId: string; eventIds: readonly [string, string] };
}

export interface SyncRequestResult {
  decision: SyncDecision;
  /** The job opened or restarted, or the job that already covers the scope; null otherwise. */
  jobId: string | null;
  /** User-facing message of the decision (`describeDecision`). */
  message: string;
}

/**
 * SyncService.request: the one way a sync starts (HTTP, NATS request-reply, events, CLI). In one transaction:
 * read the scope stream (and the firm's, for a matter), read the facts beside it, decide with the sync policy, and
 * append `SyncRequested` at the version read. A concurrent request that appended first makes the append fail; the
 * transaction rolls back and the request is decided again from a fresh read, which now sees the other job.
 */
export const requestSync = (deps: SyncDeps, input: SyncRequestInput): Promise<SyncRequestResult> => {
  const ids = input.ids ?? { jobId: deps.newId(), eventIds: [deps.newId(), deps.newId()] as const };
  const correlationId = input.correlationId ?? randomUUID();
  return withConflictRetry(deps.maxAttempts, () =>
    deps.db.transaction().execute(async (trx) => {
      await lockFirmRequests(trx, input.firmId, input.scope);
      const scope = await readScope(trx, input.firmId, input.scope);
      const firmScope = await readFirmScopeFor(trx, input.firmId, input.scope);
      const facts = await loadScopeFacts(trx, input.firmId, scope, firmScope);
      const outcome = decideRequest(
        {
          firmId: input.firmId,
          scope: input.scope,
          trigger: input.trigger,
          requestedBy: input.requestedBy,
          jobId: ids.jobId,
          eventIds: ids.eventIds,
          correlationId,
          causationId: input.causationId ?? null,
          facts,
          policy: deps.policy,
        },
        scope,
        deps.now(),
      );
      await applyPlannedAppends(trx, outcome.appends);
      return { decision: outcome.decision, jobId: outcome.jobId, message: describeDecision(outcome.decision) };
    }),
  );
};
