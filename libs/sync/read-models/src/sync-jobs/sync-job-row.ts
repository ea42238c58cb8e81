import { sql, type Insertable, type Selectable } from 'kysely';
import type { Executor } from '@sf/db';
import type { LogPosition } from '@sf/event-store';
import { SyncScope, type JobView, type SyncJobState } from '@sf/sync-jobs';
import { positionColumns, positionOf } from './log-events';
import type { SyncJobsTables } from '../schema/sync-jobs.tables';

type DbRow = Selectable<SyncJobsTables['sync_jobs']>;

/** A `sync_jobs` row in domain terms, with the log position of the last event applied to it. */
export interface SyncJobRow {
  view: JobView;
  position: LogPosition;
}

const ms = (d: Date | null): number | null => (d === null ? null : d.getTime());
const iso = (n: number | null): string | null => (n === null ? null : new Date(n).toISOString());

/** Reads a `sync_jobs` row (written by the sync_jobs projection) as a job view. */
export const jobViewOf = (r: DbRow): JobView => ({
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
  phases: r.phases,
  availableFeatures: r.available_features,
  unavailableFeatures: r.unavailable_features,
});

const json = (v: unknown): string | null => (v === null ? null : JSON.stringify(v));

const toDb = ({ view: v, position }: SyncJobRow): Insertable<SyncJobsTables['sync_jobs']> => ({
  job_id: v.jobId,
  firm_id: v.firmId,
  scope_kind: v.scope.kind,
  matter_id: v.scope.kind === 'matter' ? v.scope.matterId : null,
  trigger: v.trigger,
  requested_by: v.requestedBy,
  state: v.state,
  entity_types: json(v.entityTypes),
  progress: JSON.stringify(v.progress),
  estimates: json(v.estimates),
  estimated_total: v.estimatedTotal,
  counts: json(v.counts),
  blocked_until: iso(v.blockedUntil),
  requested_at: new Date(v.requestedAt).toISOString(),
  started_at: iso(v.startedAt),
  completed_at: iso(v.completedAt),
  last_progress_at: new Date(v.lastProgressAt).toISOString(),
  error_code: v.errorCode,
  error_message: v.errorMessage,
  control_reason: v.controlReason,
  stalled: v.stalled,
  stall_count: v.stallCount,
  phases: json(v.phases),
  available_features: JSON.stringify(v.availableFeatures),
  unavailable_features: JSON.stringify(v.unavailableFeatures),
  // Event time of the last change is the latest of the job's own times (never the wall clock).
  updated_at: new Date(Math.max(v.lastProgressAt, v.completedAt ?? 0, v.requestedAt)).toISOString(),
  ...positionColumns(position),
});

export const loadSyncJobRows = async (
  db: Executor<SyncJobsTables>,
  jobIds: readonly string[],
): Promise<Map<string, SyncJobRow>> => {
  if (jobIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('sync_jobs')
    .selectAll()
    .where('job_id', 'in', [...jobIds])
    .execute();
  return new Map(rows.map((r) => [r.job_id, { view: jobViewOf(r), position: positionOf(r) }]));
};

/** One upsert for the batch; the guard keeps a row already at or past the written position (no moving backwards). */
export const upsertSyncJobRows = async (db: Executor<SyncJobsTables>, rows: readonly SyncJobRow[]): Promise<void> => {
  if (rows.length === 0) return;
  await db
    .insertInto('sync_jobs')
    .values(rows.map(toDb))
    .onConflict((oc) =>
      oc
        .column('job_id')
        .doUpdateSet((eb) => ({
          state: eb.ref('excluded.state'),
          entity_types: eb.ref('excluded.entity_types'),
          progress: eb.ref('excluded.progress'),
          estimates: eb.ref('excluded.estimates'),
          estimated_total: eb.ref('excluded.estimated_total'),
          counts: eb.ref('excluded.counts'),
          blocked_until: eb.ref('excluded.blocked_until'),
          started_at: eb.ref('excluded.started_at'),
          completed_at: eb.ref('excluded.completed_at'),
          last_progress_at: eb.ref('excluded.last_progress_at'),
          error_code: eb.ref('excluded.error_code'),
          error_message: eb.ref('excluded.error_message'),
          control_reason: eb.ref('excluded.control_reason'),
          stalled: eb.ref('excluded.stalled'),
          stall_count: eb.ref('excluded.stall_count'),
          phases: eb.ref('excluded.phases'),
          available_features: eb.ref('excluded.available_features'),
          unavailable_features: eb.ref('excluded.unavailable_features'),
          updated_at: eb.ref('excluded.updated_at'),
          last_tx_id: eb.ref('excluded.last_tx_id'),
          last_global_position: eb.ref('excluded.last_global_position'),
        }))
        .where(
          sql<boolean>`(sync_jobs.last_tx_id, sync_jobs.last_global_position) < (excluded.last_tx_id, excluded.last_global_position)`,
        ),
    )
    .execute();
};
