import type { ColumnType, JSONColumnType } from 'kysely';
import type { PhaseView } from '@sf/sync-jobs';

/** timestamptz: pg returns a Date; writes accept a Date or an ISO string. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;

/**
 * Per entity type: records fetched so far, the total Clio reported (null when unknown), and the user-facing reason
 * when Clio forbade the entity type (403).
 */
export type SyncJobProgressJson = Record<string, { fetched: number; total: number | null; forbidden?: string }>;

/**
 * One sync job, projected from its scope-stream and job-stream events (libs/sync/read-models, sync-jobs). Every time
 * is event time, never wall clock, so a rebuild equals the live table.
 */
export interface SyncJobsTable {
  job_id: string;
  firm_id: string;
  /** `firm | matter` (check constraint). */
  scope_kind: string;
  /** Set exactly when `scope_kind` is `matter`. */
  matter_id: string | null;
  /** `SyncRequested.trigger` (wire name). */
  trigger: string;
  requested_by: string | null;
  /** `requested | running | blocked | paused | completed | failed | cancelled` (check constraint). */
  state: string;
  /** Entity types the job fetches (from `SyncJobStarted`); null before it starts. */
  entity_types: JSONColumnType<string[]> | null;
  progress: JSONColumnType<SyncJobProgressJson>;
  /** Per-entity-type totals counted before fetching (`SyncJobStarted.estimates`), when the fetcher sent them. */
  estimates: JSONColumnType<Record<string, number>> | null;
  estimated_total: number | null;
  /** Records synced per entity type, from `SyncJobCompleted`. */
  counts: JSONColumnType<Record<string, number>> | null;
  blocked_until: Timestamp | null;
  requested_at: Timestamp;
  started_at: Timestamp | null;
  /** When the job reached its terminal state (completed, failed or cancelled). */
  completed_at: Timestamp | null;
  /** Last sign of progress: the request, start, a page, a resume. */
  last_progress_at: Timestamp;
  error_code: string | null;
  /** User-facing reason of a failure (`SyncJobFailed.reason`). */
  error_message: string | null;
  /** Reason given for the last pause, or for the cancellation. */
  control_reason: string | null;
  /** True from a `SyncJobStalled` until the job makes progress again. */
  stalled: boolean;
  stall_count: number;
  /** A phased job's phases ([{ phase, entityTypes, state }]); null when the job is not phased. */
  phases: JSONColumnType<PhaseView[]> | null;
  /** Features usable so far (`SyncPhaseCompleted.features`), in completion order. */
  available_features: ColumnType<string[], string | undefined, string>;
  /** Features of completed phases that a 403 on one of their entity types made unusable: { feature: reason }. */
  unavailable_features: ColumnType<Record<string, string>, string | undefined, string>;
  updated_at: Timestamp;
  /** Log position of the last event applied; replays at or below it are no-ops. */
  last_tx_id: string;
  last_global_position: string;
}

/** The Clio connection of each firm, projected from the connection streams (libs/sync/read-models, sync-jobs). */
export interface FirmConnectionsTable {
  firm_id: string;
  connection_id: string;
  /** `active | needs_reauth | revoked` (check constraint). */
  status: string;
  region: string;
  changed_at: Timestamp;
  last_tx_id: string;
  last_global_position: string;
}

export interface SyncJobsTables {
  sync_jobs: SyncJobsTable;
  firm_connections: FirmConnectionsTable;
}
