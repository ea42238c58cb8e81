import { tablesOf, type Executor } from '@sf/db';
import type { MatterSyncStatus } from './matter-sync-row';
import type { ReadModelTables } from '../schema/read-models.tables';

/** What a list of a firm's matters shows of each one's sync state (the fold's internal progress left out). */
export interface MatterSyncStateItem {
  matterId: string;
  state: MatterSyncStatus;
  activeJobId: string | null;
  /** ISO instants (event time). */
  lastSyncedAt: string | null;
  lastError: string | null;
  progress: { current: number; total: number | null };
  blockedUntil: string | null;
  updatedAt: string;
}

export interface MatterSyncStateListQuery {
  firmId: string;
  state?: MatterSyncStatus;
  /** Rows after this matter id (keyset paging in matter id order). */
  afterMatterId: string | null;
  limit: number;
}

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

/** A firm's matters with a sync state, in matter id order: at most `limit` rows after `afterMatterId`. */
export const listMatterSyncStates = async <DB extends ReadModelTables>(
  db: Executor<DB>,
  q: MatterSyncStateListQuery,
): Promise<MatterSyncStateItem[]> => {
  let query = tablesOf<ReadModelTables, DB>(db)
    .selectFrom('matter_sync_state')
    .selectAll()
    .where('firm_id', '=', q.firmId)
    .orderBy('matter_id')
    .limit(q.limit);
  if (q.state !== undefined) query = query.where('state', '=', q.state);
  if (q.afterMatterId !== null) query = query.where('matter_id', '>', q.afterMatterId);
  return (await query.execute()).map((r) => ({
    matterId: r.matter_id,
    state: r.state as MatterSyncStatus,
    activeJobId: r.active_job_id,
    lastSyncedAt: iso(r.last_synced_at),
    lastError: r.last_error,
    progress: { current: r.progress_current, total: r.progress_total },
    blockedUntil: iso(r.blocked_until),
    updatedAt: r.updated_at.toISOString(),
  }));
};
