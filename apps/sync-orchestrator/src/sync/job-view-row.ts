import type { Selectable } from 'kysely';
import type { Database } from '@sf/db';
import { SyncScope, type JobView, type SyncJobState } from '@sf/sync-jobs';

const ms = (d: Date | null): number | null => (d === null ? null : d.getTime());

/** Reads a `sync_jobs` row (written by the sync_jobs projection in @sf/read-models) as a job view. */
export const jobViewOf = (r: Selectable<Database['sync_jobs']>): JobView => ({
  jobId: r.job_id,
  firmId: r.firm_id,
  scope: r.matter_id === null ? SyncScope.firm() : SyncScope.matter(r.matter_id),
  trigger: r.trigger as JobView['trigger'],
  requestedBy: r.requested_by,
  state: r.state as SyncJobState,
  entityTypes: r.entity_types,
  progress: r.progress,
  estimates: r.estimates,
  estimatedTotal: r.estimated_total,
  counts: r.counts,
  blockedUntil: ms(r.blocked_until),
  requestedAt: r.requested_at.getTime(),
  startedAt: ms(r.started_at),
  completedAt: ms(r.completed_at),
  lastProgressAt: r.last_progress_at.getTime(),
  errorCode: r.error_code,
  errorMessage: r.error_message,
  controlReason: r.control_reason,
  stalled: r.stalled,
  stallCount: r.stall_count,
});
