import { sql } from 'kysely';
import type { WriteState, WriteStatus } from '@sf/clio-writes';
import { tablesOf, type Executor } from '@sf/db';
import type { ClioPendingWritesTables } from '../schema/clio-pending-writes.tables';

/** A firm's writes in one status, newest request first, keyset-paged by (requested_at, write_id). */
export const listWrites = async <DB extends ClioPendingWritesTables>(
  db: Executor<DB>,
  q: { firmId: string; status: WriteStatus; limit: number; before?: { at: string; writeId: string } },
): Promise<WriteState[]> => {
  let query = tablesOf<ClioPendingWritesTables, DB>(db)
    .selectFrom('clio_pending_writes')
    .select('state')
    .where('firm_id', '=', q.firmId)
    .where('status', '=', q.status);
  if (q.before) {
    const { at, writeId } = q.before;
    query = query.where(sql<boolean>`(requested_at, write_id) < (${at}::timestamptz, ${writeId})`);
  }
  const rows = await query.orderBy('requested_at', 'desc').orderBy('write_id', 'desc').limit(q.limit).execute();
  return rows.map((r) => r.state);
};

/**
 * The writer's queue: the first open write of each record whose first open write is pending (a conflicted one holds
 * the writes after it until a person resolves it), oldest request first.
 */
export const nextPendingWrites = async <DB extends ClioPendingWritesTables>(
  db: Executor<DB>,
  limit: number,
): Promise<Array<{ firmId: string; writeId: string; recordKey: string }>> => {
  const { rows } = await sql<{ firm_id: string; write_id: string; record_key: string }>`
    select firm_id, write_id, record_key from (
      select distinct on (record_key) firm_id, write_id, record_key, status, tx_id, global_position
      from clio_pending_writes
      where status in ('pending', 'conflicted')
      order by record_key, tx_id, global_position
    ) heads
    where status = 'pending'
    order by tx_id, global_position
    limit ${limit}`.execute(db);
  return rows.map((r) => ({ firmId: r.firm_id, writeId: r.write_id, recordKey: r.record_key }));
};
