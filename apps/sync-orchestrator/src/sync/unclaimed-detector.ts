import { randomUUID } from 'node:crypto';
import { decideUnclaimed, SyncScope } from '@sf/sync-jobs';
import { withConflictRetry } from './conflict-retry';
import { applyPlannedAppends } from './planned-appends';
import { readJobTail, readScope } from './stream-reads';
import type { SyncDeps } from './sync-deps';

/** Jobs examined per check, oldest first. */
const CANDIDATES_PER_CHECK = 100;

/**
 * One check for jobs still `requested` (no worker started them) longer than `unclaimedAfterMs`: each is failed with
 * an actionable reason (`decideUnclaimed`), re-checked against its streams. Returns the failed job ids. Safe on any
 * number of replicas: the scope stream's version lets one decision win.
 */
export const checkUnclaimedJobs = async (deps: SyncDeps): Promise<string[]> => {
  const cutoff = new Date(deps.now().getTime() - deps.unclaimedAfterMs);
  const candidates = await deps.db
    .selectFrom('sync_jobs')
    .select(['job_id', 'firm_id', 'matter_id'])
    .where('state', '=', 'requested')
    .where('requested_at', '<', cutoff)
    .orderBy('requested_at')
    .limit(CANDIDATES_PER_CHECK)
    .execute();
  const failed: string[] = [];
  for (const c of candidates) {
    const scope = c.matter_id === null ? SyncScope.firm() : SyncScope.matter(c.matter_id);
    const eventIds = [deps.newId(), deps.newId()] as const;
    const correlationId = randomUUID();
    const done = await withConflictRetry(deps.maxAttempts, () =>
      deps.db.transaction().execute(async (trx) => {
        const appends = decideUnclaimed(
          {
            firmId: c.firm_id,
            correlationId,
            causationId: null,
            eventIds,
            scope,
            jobId: c.job_id,
            tail: await readJobTail(trx, c.job_id),
            unclaimedAfterMs: deps.unclaimedAfterMs,
          },
          await readScope(trx, c.firm_id, scope),
          deps.now(),
        );
        if (appends === null) return false;
        await applyPlannedAppends(trx, appends);
        return true;
      }),
    );
    if (done) failed.push(c.job_id);
  }
  return failed;
};
