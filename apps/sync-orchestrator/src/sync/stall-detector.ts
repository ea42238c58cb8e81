import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { decideStallRestart, SyncScope } from '@sf/sync-jobs';
import { withConflictRetry } from './conflict-retry';
import { applyPlannedAppends } from './planned-appends';
import { loadScopeFacts } from './scope-facts';
import { readScope } from './stream-reads';
import type { SyncDeps } from './sync-deps';
import { syncStalls } from '@sf/metrics';

/** Jobs examined per check, oldest progress first. */
const CANDIDATES_PER_CHECK = 100;

interface Candidate {
  job_id: string;
  firm_id: string;
  matter_id: string | null;
}

/**
 * In-flight jobs of the `sync_jobs` read model whose last progress (or the end of their rate-limit wait) is older
 * than the stall threshold. The read model may lag; the decision re-checks every candidate against its job stream.
 */
const stallCandidates = (deps: SyncDeps): Promise<Candidate[]> => {
  const cutoff = new Date(deps.now().getTime() - deps.policy.stallAfterMs);
  return deps.db
    .selectFrom('sync_jobs')
    .select(['job_id', 'firm_id', 'matter_id'])
    .where((eb) =>
      eb.or([
        // A job no worker ever started cannot stall; checkUnclaimedJobs looks after it.
        eb.and([eb('state', '=', 'running'), eb('last_progress_at', '<', cutoff)]),
        eb.and([
          eb('state', '=', 'blocked'),
          sql<boolean>`greatest(last_progress_at, blocked_until) < ${cutoff}::timestamptz`,
        ]),
      ]),
    )
    .orderBy('last_progress_at')
    .limit(CANDIDATES_PER_CHECK)
    .execute();
};

/** Restarts one candidate if the policy (`maintenance` trigger) says it is stalled; returns whether it did. */
const restartIfStalled = (deps: SyncDeps, c: Candidate): Promise<boolean> => {
  const scope = c.matter_id === null ? SyncScope.firm() : SyncScope.matter(c.matter_id);
  const eventIds = [deps.newId(), deps.newId()] as const;
  const correlationId = randomUUID();
  return withConflictRetry(deps.maxAttempts, () =>
    deps.db.transaction().execute(async (trx) => {
      const state = await readScope(trx, c.firm_id, scope);
      const facts = await loadScopeFacts(trx, c.firm_id, state, null);
      const outcome = decideStallRestart(
        {
          firmId: c.firm_id,
          correlationId,
          causationId: null,
          eventIds,
          scope,
          jobId: c.job_id,
          facts,
          policy: deps.policy,
        },
        state,
        deps.now(),
      );
      if (outcome === null) return false;
      // At the job-stream version just read: the old worker's next append conflicts (fenced), and so does a worker
      // that made progress after the read, in which case this attempt rolls back and finds the job not stalled.
      await applyPlannedAppends(trx, outcome.appends);
      return true;
    }),
  );
};

/**
 * One stall check: every in-flight job with no progress for `stallAfterMs` while budget is available is flagged
 * (`SyncJobStalled`) and restarted from its checkpoint (`SyncJobResumed`). Returns the restarted job ids.
 * Safe on any number of replicas at once: the job stream's version lets one restart win.
 */
export const checkStalledJobs = async (deps: SyncDeps): Promise<string[]> => {
  const restarted: string[] = [];
  for (const c of await stallCandidates(deps)) {
    if (await restartIfStalled(deps, c)) restarted.push(c.job_id);
  }
  syncStalls.inc(restarted.length);
  return restarted;
};
