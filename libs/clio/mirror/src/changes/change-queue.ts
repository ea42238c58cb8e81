import { sql } from 'kysely';
import { type ChangeKind, type ChangeSource, type ClioRecordChangedV1 } from '@sf/contracts';
import type { Executor } from '@sf/db';
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

/** A change waiting for the change relay: its payload, with `fields` still the JSON text Postgres sent. */
export interface QueuedChange {
  change: Omit<ClioRecordChangedV1, 'fields'>;
  fieldsJson: string;
}

/**
 * The oldest changes not yet published, in log order (so each record's changes go out in order). Every change of
 * one firm is written by one mirror partition at a time in log order, so a record's later change never commits
 * before its earlier one: publishing in this order keeps each record's order. `fields` (a created record's whole
 * first state) stay text: the relay copies them into the message instead of parsing and serialising them again.
 */
export const unpublishedChanges = async <DB extends ClioMirrorTables>(
  db: Executor<DB>,
  limit: number,
): Promise<QueuedChange[]> => {
  const rows = await sql<ChangeRowRead & { fields: string }>`
    select change_id, firm_id, entity_type, record_id, tx_id, global_position, change, fields::text as fields, etag,
      updated_at, deleted_at, source, job_id, observed_at
    from clio_record_changes where published_at is null
    order by tx_id, global_position, entity_type, record_id
    limit ${limit}`.execute(db);
  return rows.rows.map((r) => ({ change: changeOf(r), fieldsJson: r.fields }));
};

/** Whether the mirror's migrations (its owner runs them) have created the change table yet. */
export const changeTableExists = async <DB extends ClioMirrorTables>(db: Executor<DB>): Promise<boolean> => {
  const r = await sql<{ t: string | null }>`select to_regclass('clio_record_changes')::text as t`.execute(db);
  return r.rows[0]?.t != null;
};

/** Marks changes JetStream acknowledged (the mark survives mirror rebuilds: nothing is published twice). */
export const markPublished = async <DB extends ClioMirrorTables>(
  db: Executor<DB>,
  changeIds: readonly string[],
  at: Date,
): Promise<void> => {
  if (changeIds.length === 0) return;
  await sql`update clio_record_changes set published_at = ${at} where change_id = any(${changeIds}::uuid[])`.execute(
    db,
  );
};
