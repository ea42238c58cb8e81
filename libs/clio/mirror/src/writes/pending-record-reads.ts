import { sql } from 'kysely';
import { provisionalOf, type ProvisionalRecord, type WriteState } from '@sf/clio-writes';
import type { Executor } from '@sf/db';
import type { ClioPendingWritesTables } from '../schema/clio-pending-writes.tables';

const OPEN = sql`('pending', 'conflicted')`;

/**
 * Open (pending or conflicted) writes of some confirmed records of one entity type, by record id, in request order.
 * A record created here also gets the writes queued behind its create while it was unconfirmed (they name the create,
 * not yet the Clio id).
 */
export const openWritesByRecord = async <DB extends ClioPendingWritesTables>(
  db: Executor<DB>,
  firmId: string,
  entityType: string,
  recordIds: readonly string[],
): Promise<Map<string, WriteState[]>> => {
  const out = new Map<string, WriteState[]>();
  if (recordIds.length === 0) return out;
  const ids = [...recordIds];
  const { rows } = await sql<{ target: string; state: WriteState }>`
    select coalesce(w.record_id, c.record_id) as target, w.state
    from clio_pending_writes w
    left join clio_pending_writes c
      on w.record_id is null and w.record_key = 'new:' || c.write_id and c.status = 'applied'
    where w.firm_id = ${firmId} and w.entity_type = ${entityType} and w.status in ${OPEN}
      and (w.record_id = any(${ids}::text[]) or c.record_id = any(${ids}::text[]))
    order by w.tx_id, w.global_position`.execute(db);
  for (const r of rows) out.set(r.target, [...(out.get(r.target) ?? []), r.state]);
  return out;
};

/**
 * Records of one entity type created here and not confirmed by Clio yet, under a matter or contact (or all of the
 * firm's), in request order: each create with the writes queued behind it.
 */
export const provisionalRecordsOf = async <DB extends ClioPendingWritesTables>(
  db: Executor<DB>,
  firmId: string,
  entityType: string,
  parent: { matterId?: string; contactId?: string },
): Promise<ProvisionalRecord[]> => {
  const { rows } = await sql<{ record_key: string; operation: string; state: WriteState }>`
    select w.record_key, w.operation, w.state from clio_pending_writes w
    where w.firm_id = ${firmId} and w.entity_type = ${entityType} and w.status in ${OPEN}
      and w.record_key in (
        select 'new:' || c.write_id from clio_pending_writes c
        where c.firm_id = ${firmId} and c.entity_type = ${entityType} and c.operation = 'create'
          and c.status in ${OPEN}
          ${parent.matterId === undefined ? sql`` : sql`and c.matter_id = ${parent.matterId}`}
          ${parent.contactId === undefined ? sql`` : sql`and c.contact_id = ${parent.contactId}`})
    order by w.tx_id, w.global_position`.execute(db);
  const creates = rows.filter((r) => r.operation === 'create');
  return creates
    .map((c) =>
      provisionalOf(
        c.state,
        rows.filter((r) => r.record_key === c.record_key && r.operation !== 'create').map((r) => r.state),
      ),
    )
    .filter((p): p is ProvisionalRecord => p !== null);
};

/**
 * The create of this app that made a confirmed record, if it was made here: later writes of the record order behind
 * it (see `recordKeyOf`).
 */
export const createOfRecord = async <DB extends ClioPendingWritesTables>(
  db: Executor<DB>,
  firmId: string,
  entityType: string,
  recordId: string,
): Promise<string | null> => {
  const { rows } = await sql<{ write_id: string }>`
    select write_id from clio_pending_writes
    where firm_id = ${firmId} and entity_type = ${entityType} and record_id = ${recordId}
      and operation = 'create' and status = 'applied'
    limit 1`.execute(db);
  return rows[0]?.write_id ?? null;
};

/**
 * The etag Clio gave the latest applied write of a record's queue (`record_key`): what Clio holds after this app's
 * writes, so a write queued behind an unconfirmed create goes `If-Match` it (a change made in Clio since is a 412).
 */
export const latestAppliedEtag = async <DB extends ClioPendingWritesTables>(
  db: Executor<DB>,
  recordKey: string,
): Promise<string | null> => {
  const { rows } = await sql<{ etag: string | null }>`
    select state->'confirmed'->>'etag' as etag from clio_pending_writes
    where record_key = ${recordKey} and status = 'applied' and state->'confirmed'->>'etag' is not null
    order by tx_id desc, global_position desc
    limit 1`.execute(db);
  return rows[0]?.etag ?? null;
};

/** The open writes of one record's queue (`recordKeyOf`) in request order: what goes to Clio before a new write. */
export const openWritesOfRecordKey = async <DB extends ClioPendingWritesTables>(
  db: Executor<DB>,
  firmId: string,
  recordKey: string,
): Promise<WriteState[]> => {
  const { rows } = await sql<{ state: WriteState }>`
    select state from clio_pending_writes
    where record_key = ${recordKey} and firm_id = ${firmId} and status in ${OPEN}
    order by tx_id, global_position`.execute(db);
  return rows.map((r) => r.state);
};
