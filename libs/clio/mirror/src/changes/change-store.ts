import { sql } from 'kysely';
import type { ChangeKind, ChangeSource, FieldChange } from '@sf/contracts';
import type { Executor } from '@sf/db';
import { LogPosition } from '@sf/event-store';
import { mirrorTableOf, type ClioEntityType } from '../entity-types';
import type { ClioMirrorTables } from '../schema/clio-mirror.tables';
import type { RecordState } from './record-change';

/** A mirror row's state and the log position that wrote it. */
export interface StoredState extends RecordState {
  position: LogPosition;
}

/** One change row to record. */
export interface ChangeRow {
  changeId: string;
  firmId: string;
  entityType: ClioEntityType;
  recordId: string;
  position: LogPosition;
  kind: ChangeKind;
  fields: Record<string, FieldChange>;
  etag: string;
  updatedAt: string | null;
  deletedAt: string | null;
  source: ChangeSource;
  jobId: string | null;
  observedAt: string;
}

export const stateKey = (firmId: string, id: string): string => `${firmId}\u0000${id}`;

const iso = (d: Date | string | null): string | null => (d === null ? null : new Date(d).toISOString());

/** The current mirror state of `keys` of one entity type (missing rows are absent from the map). */
export const readStates = async <DB extends ClioMirrorTables>(
  db: Executor<DB>,
  entityType: ClioEntityType,
  keys: ReadonlyArray<{ firmId: string; id: string }>,
): Promise<Map<string, StoredState>> => {
  const out = new Map<string, StoredState>();
  if (keys.length === 0) return out;
  const wanted = JSON.stringify(keys.map((k) => ({ firm_id: k.firmId, id: k.id })));
  // Raw SQL: the table is chosen at run time and the keys arrive as one jsonb set (one round trip).
  const rows = await sql<{
    firm_id: string;
    id: string;
    etag: string;
    updated_at: Date | null;
    deleted_at: Date | null;
    is_soft_deleted: boolean;
    data: Record<string, unknown>;
    last_tx_id: string;
    last_global_position: string;
  }>`
    select m.firm_id, m.id, m.etag, m.updated_at, m.deleted_at, m.is_soft_deleted, m.data, m.last_tx_id,
      m.last_global_position
    from ${sql.table(mirrorTableOf(entityType))} m
    join jsonb_to_recordset(${wanted}::jsonb) as k(firm_id text, id text) on k.firm_id = m.firm_id and k.id = m.id`.execute(
    db,
  );
  for (const r of rows.rows)
    out.set(stateKey(r.firm_id, r.id), {
      etag: r.etag,
      updatedAt: iso(r.updated_at),
      deletedAt: iso(r.deleted_at),
      isSoftDeleted: r.is_soft_deleted,
      data: r.data,
      position: { txId: BigInt(r.last_tx_id), position: BigInt(r.last_global_position) },
    });
  return out;
};

/** Records changes; one already recorded (a replay, a rebuild) is left as it is (its `written_by` included). */
export const insertChanges = async <DB extends ClioMirrorTables>(
  db: Executor<DB>,
  changes: readonly ChangeRow[],
): Promise<void> => {
  if (changes.length === 0) return;
  const rows = changes.map((c) => ({
    change_id: c.changeId,
    firm_id: c.firmId,
    entity_type: c.entityType,
    record_id: c.recordId,
    tx_id: c.position.txId.toString(),
    global_position: c.position.position.toString(),
    change: c.kind,
    fields: c.fields,
    etag: c.etag === '' ? null : c.etag,
    updated_at: c.updatedAt,
    deleted_at: c.deletedAt,
    source: c.source,
    job_id: c.jobId,
    observed_at: c.observedAt,
  }));
  await sql`
    insert into clio_record_changes (change_id, firm_id, entity_type, record_id, tx_id, global_position, change,
      fields, etag, updated_at, deleted_at, source, job_id, observed_at)
    select r.change_id, r.firm_id, r.entity_type, r.record_id, r.tx_id, r.global_position, r.change, r.fields,
      r.etag, r.updated_at, r.deleted_at, r.source, r.job_id, r.observed_at
    from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(change_id uuid, firm_id text, entity_type text,
      record_id text, tx_id bigint, global_position bigint, change text, fields jsonb, etag text,
      updated_at timestamptz, deleted_at timestamptz, source text, job_id text, observed_at timestamptz)
    on conflict (change_id) do nothing`.execute(db);
};
