import { randomUUID } from 'node:crypto';
import { context } from '@opentelemetry/api';
import { traceFromContext } from '@sf/telemetry';
import type { SyncTrigger } from '@sf/contracts';
import { CLIO_ENTITY_TYPES } from '@sf/clio-mirror';
import {
  decideRequest,
  decideResync,
  isRejection,
  SyncScope,
  type OnboardingOptions,
  type RequestRejection,
  type RequestSync,
  type ResyncRequest,
} from '@sf/sync-jobs';
import { describeDecision, SyncAction, type SyncDecision } from '@sf/sync-policy';
import { syncRequestsRefused } from '@sf/metrics';
import { withConflictRetry } from './conflict-retry';
import { lockFirmRequests } from './firm-lock';
import { applyPlannedAppends, isRepeatedCommand } from './planned-appends';
import { repeatedRequestResult } from './repeated-request';
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
  /**
   * How a firm-wide initial sync runs (phases, recent window), as far as the request says; the rest comes from the
   * firm's stored setting, else the defaults (phased, no recent window).
   */
  onboarding?: Partial<OnboardingOptions>;
}

/** `SyncService.resync`: one entity type of a firm listed in full and swept, the others left alone. */
export interface ResyncInput {
  firmId: string;
  /** Checked by the decider against the mirrored entity types (an unknown one is a rejection naming the field). */
  entityType: string;
  requestedBy: string | null;
}

export interface SyncRequestResult {
  decision: SyncDecision;
  /** The job opened or restarted, or the job that already covers the scope; null otherwise. */
  jobId: string | null;
  /** User-facing message of the decision (`describeDecision`). */
  message: string;
}

const decideAndAppend = (
  deps: SyncDeps,
  input: SyncRequestInput,
  resync: ResyncRequest | null,
): Promise<SyncRequestResult | RequestRejection> => {
  const ids = input.ids ?? { jobId: deps.newId(), eventIds: [deps.newId(), deps.newId()] as const };
  const correlationId = input.correlationId ?? randomUUID();
  const trace = traceFromContext(context.active());
  return withConflictRetry(deps.maxAttempts, () =>
    deps.db.transaction().execute(async (trx) => {
      await lockFirmRequests(trx, input.firmId, input.scope);
      const scope = await readScope(trx, input.firmId, input.scope);
      const firmScope = await readFirmScopeFor(trx, input.firmId, input.scope);
      const facts = await loadScopeFacts(trx, input.firmId, scope, firmScope);
      const cmd: RequestSync = {
        firmId: input.firmId,
        scope: input.scope,
        trigger: input.trigger,
        requestedBy: input.requestedBy,
        jobId: ids.jobId,
        eventIds: ids.eventIds,
        correlationId,
        causationId: input.causationId ?? null,
        // The request's trace (HTTP span, or the consumed event's process span) goes with the job's events.
        ...(trace ? { trace } : {}),
        facts,
        policy: deps.policy,
        ...(input.onboarding === undefined ? {} : { onboarding: input.onboarding }),
      };
      const now = deps.now();
      const outcome = resync === null ? decideRequest(cmd, scope, now) : decideResync({ ...cmd, resync }, scope, now);
      if (isRejection(outcome)) return outcome;
      await applyPlannedAppends(trx, outcome.appends);
      return { decision: outcome.decision, jobId: outcome.jobId, message: describeDecision(outcome.decision) };
    }),
  ).then(
    (r) => {
      if (!isRejection(r)) noteRefusal(deps, input, r);
      return r;
    },
    (e: unknown) => {
      // Only derived ids (a consumer's) can be stored already; fresh ones never are.
      if (isRepeatedCommand(e) && input.ids !== undefined) return repeatedRequestResult(deps.db, ids.eventIds);
      throw e;
    },
  );
};

/** A request the policy skipped or blocked leaves a structured line and a count with its reason, never silence. */
const noteRefusal = (deps: SyncDeps, input: SyncRequestInput, r: SyncRequestResult): void => {
  const { action, reason } = r.decision;
  if (action === SyncAction.Start) return;
  syncRequestsRefused.inc({ action, reason, trigger: input.trigger });
  deps.log?.info(
    { firmId: input.firmId, scope: input.scope.kind, trigger: input.trigger, action, reason, activeJobId: r.jobId },
    'sync request refused',
  );
};

/**
 * SyncService.request: the one way a sync starts (HTTP, NATS request-reply, events, CLI). In one transaction:
 * read the scope stream (and the firm's, for a matter), read the facts beside it, decide with the sync policy, and
 * append `SyncRequested` at the version read. A concurrent request that appended first makes the append fail; the
 * transaction rolls back and the request is decided again from a fresh read, which now sees the other job.
 */
export const requestSync = async (deps: SyncDeps, input: SyncRequestInput): Promise<SyncRequestResult> => {
  const r = await decideAndAppend(deps, input, null);
  if (isRejection(r)) throw new Error(`a sync request without a re-sync was rejected (${r.field})`);
  return r;
};

/** SyncService.resync: as `request` for the firm scope (manual), deciding with `decideResync`. */
export const resyncEntityType = (deps: SyncDeps, input: ResyncInput): Promise<SyncRequestResult | RequestRejection> =>
  decideAndAppend(
    deps,
    { firmId: input.firmId, scope: SyncScope.firm(), trigger: 'manual', requestedBy: input.requestedBy },
    { entityType: input.entityType, known: CLIO_ENTITY_TYPES },
  );
