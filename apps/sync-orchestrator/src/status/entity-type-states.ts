import type { MirrorCount } from '@sf/clio-mirror';
import type { JobView } from '@sf/sync-jobs';

export const EntityTypeStates = {
  /** Nothing mirrored yet and no sync has listed it. */
  notSynced: 'not_synced',
  /** The firm's active job lists it now. */
  syncing: 'syncing',
  synced: 'synced',
  /** Clio refused it to this connection (403): the sync goes on without it. */
  forbidden: 'forbidden',
} as const;
export type EntityTypeState = (typeof EntityTypeStates)[keyof typeof EntityTypeStates];

/** One entity type in the firm status: where it stands, what the mirror holds, and the job's progress on it. */
export interface EntityTypeStatus {
  entityType: string;
  state: EntityTypeState;
  /** Live records in the mirror. */
  mirrored: number;
  /** Soft-deleted records in the mirror. */
  deleted: number;
  lastSyncedAt: string | null;
  /** The active (else the latest) firm job's progress on it; null when that job has not listed it. */
  fetched: number | null;
  total: number | null;
  /** User-facing reason, when forbidden. */
  forbidden: string | null;
}

/**
 * Per entity type state. Pure. `job` is the firm's active firm-wide job (else its latest), `active` whether it is
 * still running; an entity type it lists and has not finished is syncing.
 */
export const entityTypeStates = (
  counts: readonly MirrorCount[],
  job: Pick<JobView, 'entityTypes' | 'progress'> | null,
  active: boolean,
  firmSyncedOnce: boolean,
): EntityTypeStatus[] =>
  counts.map((c) => {
    const p = job?.progress[c.entityType];
    const listed = job?.entityTypes?.includes(c.entityType) ?? false;
    const done = p !== undefined && p.total !== null && p.fetched >= p.total;
    const state: EntityTypeState = p?.forbidden
      ? EntityTypeStates.forbidden
      : active && listed && !done
        ? EntityTypeStates.syncing
        : c.live + c.deleted > 0 || firmSyncedOnce || done
          ? EntityTypeStates.synced
          : EntityTypeStates.notSynced;
    return {
      entityType: c.entityType,
      state,
      mirrored: c.live,
      deleted: c.deleted,
      lastSyncedAt: c.lastSyncedAt,
      fetched: p?.fetched ?? null,
      total: p?.total ?? null,
      forbidden: p?.forbidden ?? null,
    };
  });
