import type { EventContext } from '../events/position';
import type { SyncJobEvent } from '../events/sync-job-events';
import { evolveMatterSync } from './matter-sync-evolve';
import { matterKeyString, type MatterKey, type MatterSyncRow } from './matter-sync-row';

export interface MatterSyncInput {
  event: SyncJobEvent;
  ctx: EventContext;
}

export interface JobRef {
  firmId: string;
  jobId: string;
}

export const jobKeyString = (firmId: string, jobId: string): string => `${firmId}\u0000${jobId}`;

/** The matter an event's scope names; events that carry only a job id are routed through the active job instead. */
const scopedMatter = ({ event, ctx }: MatterSyncInput): MatterKey | null => {
  const scope = 'scope' in event.data ? event.data.scope : null;
  return scope?.kind === 'matter' && scope.matterId !== undefined
    ? { firmId: ctx.firmId, matterId: scope.matterId }
    : null;
};

/** What a batch must load before folding: rows by matter, and rows whose active job is one the batch mentions. */
export const matterSyncLookups = (inputs: readonly MatterSyncInput[]): { matters: MatterKey[]; jobs: JobRef[] } => {
  const matters = new Map<string, MatterKey>();
  const jobs = new Map<string, JobRef>();
  for (const input of inputs) {
    const m = scopedMatter(input);
    if (m) matters.set(matterKeyString(m), m);
    else
      jobs.set(jobKeyString(input.ctx.firmId, input.event.data.jobId), {
        firmId: input.ctx.firmId,
        jobId: input.event.data.jobId,
      });
  }
  return { matters: [...matters.values()], jobs: [...jobs.values()] };
};

/**
 * Folds a batch, in log order, over the rows it touches and returns the rows that changed. The result does not
 * depend on where batch boundaries fall: every bit of fold state lives in the rows themselves.
 */
export const foldMatterSyncBatch = (
  loaded: readonly MatterSyncRow[],
  inputs: readonly MatterSyncInput[],
): MatterSyncRow[] => {
  const rows = new Map<string, MatterSyncRow>();
  const byActiveJob = new Map<string, MatterKey>();
  for (const r of loaded) {
    rows.set(matterKeyString(r), r);
    if (r.activeJobId !== null) byActiveJob.set(jobKeyString(r.firmId, r.activeJobId), r);
  }
  const changed = new Map<string, MatterSyncRow>();
  for (const input of inputs) {
    const key = scopedMatter(input) ?? byActiveJob.get(jobKeyString(input.ctx.firmId, input.event.data.jobId));
    if (!key) continue;
    const k = matterKeyString(key);
    const before = rows.get(k) ?? null;
    const after = evolveMatterSync(before, { firmId: key.firmId, matterId: key.matterId }, input.event, input.ctx);
    if (after === null || after === before) continue;
    if (before?.activeJobId) byActiveJob.delete(jobKeyString(before.firmId, before.activeJobId));
    if (after.activeJobId) byActiveJob.set(jobKeyString(after.firmId, after.activeJobId), after);
    rows.set(k, after);
    changed.set(k, after);
  }
  return [...changed.values()];
};
