import { sql } from 'kysely';
import { ChangeKinds, type ClioRecordChangedV1 } from '@sf/contracts';
import type { Executor } from '@sf/db';
import type { LogPosition } from '@sf/event-store';
import type { ClioEntityType } from '../entity-types';
import type { ClioMirrorTables } from '../schema/clio-mirror.tables';
import { changePayloadOf } from './change-queue';

export interface RecordRef {
  firmId: string;
  entityType: ClioEntityType;
  recordId: string;
}

/** A record's changes in order (oldest first), after `after` (exclusive), at most `limit`. */
export const listRecordHistory = async <DB extends ClioMirrorTables>(
  db: Executor<DB>,
  ref: RecordRef,
  after: LogPosition | null,
  limit: number,
): Promise<ClioRecordChangedV1[]> => {
  const past = after
    ? sql`and (tx_id, global_position) > (${after.txId.toString()}::bigint, ${after.position.toString()}::bigint)`
    : sql``;
  const rows = await sql<Parameters<typeof changePayloadOf>[0]>`
    select change_id, firm_id, entity_type, record_id, tx_id, global_position, change, fields, etag, updated_at,
      deleted_at, source, job_id, observed_at
    from clio_record_changes
    where firm_id = ${ref.firmId} and entity_type = ${ref.entityType} and record_id = ${ref.recordId} ${past}
    order by tx_id, global_position
    limit ${limit}`.execute(db);
  return rows.rows.map(changePayloadOf);
};

/** A record as the mirror held it at an instant, rebuilt from its history. */
export interface RecordAsOf {
  data: Record<string, unknown>;
  etag: string | null;
  updatedAt: string | null;
  deletedAt: string | null;
  isDeleted: boolean;
  /** The change that made this state. */
  lastChange: ClioRecordChangedV1;
}

/**
 * Folds a record's changes in order into the state after the last of them: `created` starts from every field,
 * each later change sets the fields it lists. Pure.
 */
const step = (prev: RecordAsOf | null, c: ClioRecordChangedV1): RecordAsOf => {
  const data: Record<string, unknown> = c.change === ChangeKinds.created ? {} : { ...(prev?.data ?? {}) };
  for (const [name, v] of Object.entries(c.fields)) data[name] = v.new;
  const wasDeleted = prev !== null && prev.isDeleted;
  return {
    data,
    etag: c.etag,
    updatedAt: c.updatedAt,
    deletedAt: c.deletedAt,
    isDeleted: c.change === ChangeKinds.deleted || (c.change !== ChangeKinds.restored && wasDeleted),
    lastChange: c,
  };
};

export const foldHistory = (changes: readonly ClioRecordChangedV1[]): RecordAsOf | null =>
  changes.reduce<RecordAsOf | null>(step, null);

/**
 * The record as the mirror held it at `asOf` (its changes observed at or before then); null when the mirror did not
 * hold it yet. One query over the record's history (a record changes rarely; its history is short).
 */
export const recordAsOf = async <DB extends ClioMirrorTables>(
  db: Executor<DB>,
  ref: RecordRef,
  asOf: Date,
): Promise<RecordAsOf | null> => {
  const rows = await sql<Parameters<typeof changePayloadOf>[0]>`
    select change_id, firm_id, entity_type, record_id, tx_id, global_position, change, fields, etag, updated_at,
      deleted_at, source, job_id, observed_at
    from clio_record_changes
    where firm_id = ${ref.firmId} and entity_type = ${ref.entityType} and record_id = ${ref.recordId}
      and observed_at <= ${asOf}
    order by tx_id, global_position`.execute(db);
  return foldHistory(rows.rows.map(changePayloadOf));
};
