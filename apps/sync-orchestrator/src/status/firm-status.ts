import { mirrorCounts, listHeldSweeps } from '@sf/clio-mirror';
import { SyncFeatures, SyncTriggers } from '@sf/contracts';
import { isTerminalJobState, policyStateFor, SyncScope } from '@sf/sync-jobs';
import {
  ConnectionStatus,
  describeDecision,
  evaluate,
  toSyncStatus,
  toUserSyncStatus,
  type ActiveJobControlState,
  type SyncStatusView,
  type UserSyncStatus,
} from '@sf/sync-policy';
import { readJob } from '../sync/read-model-queries';
import { loadScopeFacts } from '../sync/scope-facts';
import { readScope } from '../sync/stream-reads';
import type { SyncDeps } from '../sync/sync-deps';
import { entityTypeStates, type EntityTypeStatus } from './entity-type-states';
import { latestFirmJob } from './sync-job-list';
import { summaryOf, type SyncJobSummary } from './sync-job-summary';
import { webhookHealth, type WebhookHealthView } from './webhook-health';

/** `GET /sync-status`: the caller's firm at a glance. */
export interface FirmSyncStatus extends SyncStatusView {
  firmId: string;
  /** The manual decision in words: why `canSyncNow` is false, or "Sync started" when it is true. */
  message: string;
  connection: { status: string; healthy: boolean; region: string | null; changedAt: string | null };
  webhooks: WebhookHealthView;
  /** The firm-wide job running now, or null. */
  activeJob: SyncJobSummary | null;
  /** The latest firm-wide job (the active one while it runs). */
  lastJob: SyncJobSummary | null;
  entityTypes: EntityTypeStatus[];
  /** Features usable now: all once a firm-wide sync completed, else those the phases completed so far. */
  availableFeatures: string[];
  /** Sweeps the circuit breaker holds for review. */
  heldSweeps: number;
}

const ALL_FEATURES = Object.values(SyncFeatures).filter((f) => !f.startsWith('recent_'));

interface Gathered {
  status: FirmSyncStatus;
  user: UserSyncStatus;
}

/** Reads everything once for both views (firm and user), built from the firm scope exactly like a firm request. */
const gather = async (deps: SyncDeps, firmId: string): Promise<Gathered> => {
  const scope = await readScope(deps.db, firmId, SyncScope.firm());
  const facts = await loadScopeFacts(deps.db, firmId, scope, null);
  const now = deps.now().getTime();
  const state = policyStateFor(scope, facts, now);
  const view = toSyncStatus(state, now, deps.policy);
  const active = facts.activeJob ? await readJob(deps.db, facts.activeJob.jobId, firmId) : null;
  const activeJob = active !== null && !isTerminalJobState(active.state) ? active : null;
  const lastJob = activeJob ? summaryOf(activeJob) : await latestFirmJob(deps.db, firmId);
  const lastView = activeJob ?? (lastJob ? await readJob(deps.db, lastJob.jobId, firmId) : null);
  const conn = await deps.db
    .selectFrom('firm_connections')
    .select(['status', 'region', 'changed_at'])
    .where('firm_id', '=', firmId)
    .executeTakeFirst();
  const held = await listHeldSweeps(deps.db, { firmId, status: 'held', after: null, limit: 1000 });
  const syncedOnce = view.lastSyncedAt !== undefined;
  const status: FirmSyncStatus = {
    firmId,
    ...view,
    message: describeDecision(evaluate(state, SyncTriggers.manual, now, deps.policy)),
    connection: {
      status: facts.connection,
      healthy: facts.connection === ConnectionStatus.Active,
      region: conn?.region ?? null,
      changedAt: conn?.changed_at.toISOString() ?? null,
    },
    webhooks: await webhookHealth(deps, firmId),
    activeJob: activeJob ? summaryOf(activeJob) : null,
    lastJob,
    entityTypes: entityTypeStates(await mirrorCounts(deps.db, firmId), lastView, activeJob !== null, syncedOnce),
    availableFeatures: syncedOnce ? ALL_FEATURES : [...(lastView?.availableFeatures ?? [])],
    heldSweeps: held.length,
  };
  const jobState: ActiveJobControlState =
    activeJob === null ? null : (activeJob.state as Exclude<ActiveJobControlState, null>);
  const user = toUserSyncStatus({ state, activeJobState: jobState, heldSweeps: held.length }, now, deps.policy);
  return { status, user };
};

export const firmSyncStatus = async (deps: SyncDeps, firmId: string): Promise<FirmSyncStatus> =>
  (await gather(deps, firmId)).status;

/** `GET /sync-status/me` (`getStatusForUser`): what this user may do now, and why not. */
export const userSyncStatus = async (
  deps: SyncDeps,
  firmId: string,
  userId: string,
): Promise<UserSyncStatus & { userId: string; firmId: string }> => ({
  userId,
  firmId,
  ...(await gather(deps, firmId)).user,
});
