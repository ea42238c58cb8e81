import { sql, type RawBuilder } from 'kysely';
import { type ChangeKind, type ChangeSource, type ClioRecordChangedV1 } from '@sf/contracts';
import type { Executor } from '@sf/db';
import type { CheckpointLag } from '@sf/event-store';
import type { ClioMirrorTables } from '../schema/clio-mirror.tables';

/** A `clio_record_changes` row as the reads select it, `fields` aside. */
interface ChangeRowRead {
  change_id: string;
  firm_id: string;
  entity_type: string;
  record_id: string;
  tx_id: string;
  global_position: string;
  change: string;
  etag: string | null;
  updated_at: Date | null;
  deleted_at: Date | null;
  source: string;
  job_id: string | null;
  observed_at: Date;
}

const changeOf = (r: ChangeRowRead): Omit<ClioRecordChangedV1, 'fields'> => ({
  changeId: r.change_id,
  firmId: r.firm_id,
  entityType: r.entity_type,
  recordId: r.record_id,
  change: r.change as ChangeKind,
  etag: r.etag,
  updatedAt: r.updated_at?.toISOString() ?? null,
  deletedAt: r.deleted_at?.toISOString() ?? null,
  source: r.source as ChangeSource,
  jobId: r.job_id,
  observedAt: r.observed_at.toISOString(),
  position: `${r.tx_id}:${r.global_position}`,
});

/** A change row as the `ClioRecordChanged` payload (current version). */
export const changePayloadOf = (r: ChangeRowRead & { fields: ClioRecordChangedV1['fields'] }): ClioRecordChangedV1 => ({
  ...changeOf(r),
  fields: r.fields,
});

/**
 * A place in the change relay's reading order: the transaction that wrote a change row, then the change's log
 * position and record (unique per row). Decimal strings as Postgres sends them.
 */
export interface ChangeCursor {
  writtenBy: string;
  txId: string;
  position: string;
  entityType: string;
  recordId: string;
}

/** A change waiting for the change relay: its payload, with `fields` still the JSON text Postgres sent. */
export interface QueuedChange {
  change: Omit<ClioRecordChangedV1, 'fields'>;
  fieldsJson: string;
  cursor: ChangeCursor;
}

const CURSOR_NAME = 'changes';

interface CursorRow {
  written_by: string;
  tx_id: string;
  global_position: string;
  entity_type: string;
  record_id: string;
}

const cursorOf = (r: CursorRow): ChangeCursor => ({
  writtenBy: r.written_by,
  txId: r.tx_id,
  position: r.global_position,
  entityType: r.entity_type,
  recordId: r.record_id,
});

/** The rows (alias `c`) after `cursor` in the relay's order; every row but the ones published before it when null. */
const afterCursor = (cursor: ChangeCursor | null): RawBuilder<unknown> =>
  cursor === null
    ? sql`c.written_by > '0'::xid8`
    : sql`(c.written_by, c.tx_id, c.global_position, c.entity_type, c.record_id) > (${cursor.writtenBy}::xid8,
        ${cursor.txId}::bigint, ${cursor.position}::bigint, ${cursor.entityType}, ${cursor.recordId})`;

/**
 * Changes after `cursor` (all of them when null), in the relay's order: by the transaction that wrote them, then in
 * log order. Only rows of transactions older than the oldest still open (the snapshot's xmin) are returned: every
 * such transaction has finished, so no change can later appear before the last one returned (the event log's rule:
 * a long-open transaction holds the relay back). Each firm's changes are written by one mirror partition at a time,
 * one batch after another in log order, so a record's later change is written by a later transaction: this order
 * keeps each record's. `fields` stay text (copied into the message, never parsed again).
 */
export const queuedChangesAfter = async <DB extends ClioMirrorTables>(
  db: Executor<DB>,
  cursor: ChangeCursor | null,
  limit: number,
  opts: { finishedOnly: boolean } = { finishedOnly: true },
): Promise<QueuedChange[]> => {
  // Raw SQL: xid8 row comparisons and pg_current_snapshot() have no form in Kysely's builder.
  const after = afterCursor(cursor);
  const finished = opts.finishedOnly ? sql`and c.written_by < (select pg_snapshot_xmin(pg_current_snapshot()))` : sql``;
  const rows = await sql<ChangeRowRead & { fields: string; written_by: string }>`
    select c.written_by::text as written_by, change_id, firm_id, entity_type, record_id, tx_id, global_position, change,
      fields::text as fields, etag, updated_at, deleted_at, source, job_id, observed_at
    from clio_record_changes c
    where ${after} ${finished}
    order by c.written_by, c.tx_id, c.global_position, c.entity_type, c.record_id
    limit ${limit}`.execute(db);
  return rows.rows.map((r) => ({ change: changeOf(r), fieldsJson: r.fields, cursor: cursorOf(r) }));
};

/** Where the change relay stopped (null before its first publish). */
export const loadChangeCursor = async <DB extends ClioMirrorTables>(db: Executor<DB>): Promise<ChangeCursor | null> => {
  const r = await sql<CursorRow>`
    select written_by::text as written_by, tx_id, global_position, entity_type, record_id
    from clio_change_relay_cursor where name = ${CURSOR_NAME}`.execute(db);
  const row = r.rows[0];
  return row === undefined ? null : cursorOf(row);
};

/**
 * Stores the place of the last change JetStream acknowledged, unless the stored one is already at or past it: like a
 * log checkpoint, the cursor never moves back, even when a relay that lost its lock after its last check stores late.
 */
export const saveChangeCursor = async <DB extends ClioMirrorTables>(
  db: Executor<DB>,
  c: ChangeCursor,
): Promise<void> => {
  await sql`
    insert into clio_change_relay_cursor as k (name, written_by, tx_id, global_position, entity_type, record_id)
    values (${CURSOR_NAME}, ${c.writtenBy}::xid8, ${c.txId}::bigint, ${c.position}::bigint, ${c.entityType}, ${c.recordId})
    on conflict (name) do update set written_by = excluded.written_by, tx_id = excluded.tx_id,
      global_position = excluded.global_position, entity_type = excluded.entity_type, record_id = excluded.record_id,
      updated_at = now()
    where (k.written_by, k.tx_id, k.global_position, k.entity_type, k.record_id)
      < (excluded.written_by, excluded.tx_id, excluded.global_position, excluded.entity_type, excluded.record_id)`.execute(
    db,
  );
};

/**
 * The oldest changes the relay has not published yet, committed or not yet readable by it (for waiting until the
 * relay is done, and for ops).
 */
export const unpublishedChanges = async <DB extends ClioMirrorTables>(
  db: Executor<DB>,
  limit: number,
): Promise<QueuedChange[]> => queuedChangesAfter(db, await loadChangeCursor(db), limit, { finishedOnly: false });

/**
 * How far the change relay trails the recorded changes: a count of those after its cursor, up to `cap`, and the age
 * of the oldest one's event (`observed_at`: from the log's record of the event to now). For the relay's lag gauges.
 */
export const changeRelayLag = async <DB extends ClioMirrorTables>(
  db: Executor<DB>,
  cap = 100_000,
): Promise<CheckpointLag> => {
  const after = afterCursor(await loadChangeCursor(db));
  const { rows } = await sql<{ events: string; oldest: Date | null; now: Date }>`
    select count(*) as events, min(observed_at) as oldest, now() as now from (
      select c.observed_at from clio_record_changes c where ${after}
      order by c.written_by, c.tx_id, c.global_position, c.entity_type, c.record_id
      limit ${cap}) behind`.execute(db);
  const r = rows[0]!;
  const seconds = r.oldest === null ? 0 : Math.max(0, (r.now.getTime() - r.oldest.getTime()) / 1000);
  return { events: Number(r.events), seconds };
};

/** Whether the mirror's migrations (its owner runs them) have created the change queue (rows and cursor) yet. */
export const changeTableExists = async <DB extends ClioMirrorTables>(db: Executor<DB>): Promise<boolean> => {
  const r = await sql<{ t: string | null }>`select to_regclass('clio_change_relay_cursor')::text as t`.execute(db);
  return r.rows[0]?.t != null;
};
