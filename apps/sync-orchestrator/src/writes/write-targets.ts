import { sql, type Kysely } from 'kysely';
import { createOfRecord, loadWrite, mirrorTableOf, type ClioEntityType } from '@sf/clio-mirror';
import type { WriteEntityType } from '@sf/contracts';
import type { OrchestratorDb } from '../schema/orchestrator-schema';

/** A mirrored record a write targets or hangs under, as the firm's mirror holds it. */
export interface MirroredTarget {
  id: string;
  etag: string;
  data: Record<string, unknown>;
  matterId: string | null;
}

/**
 * The firm's live (not soft-deleted) record of that type in the mirror, or null: another firm's record, an unknown
 * id and a deleted record all answer the same (a 404 that does not say which).
 */
export const mirroredTarget = async (
  db: Kysely<OrchestratorDb>,
  firmId: string,
  entityType: ClioEntityType,
  id: string,
): Promise<MirroredTarget | null> => {
  const { rows } = await sql<{ id: string; etag: string; data: Record<string, unknown>; matter_id: string | null }>`
    select id, etag, data, matter_id from ${sql.table(mirrorTableOf(entityType))}
    where firm_id = ${firmId} and id = ${id} and not is_soft_deleted and not is_redacted`.execute(db);
  const r = rows[0];
  return r ? { id: r.id, etag: r.etag, data: r.data, matterId: r.matter_id } : null;
};

/**
 * What a write changes: a mirrored record, or a record created here that Clio has not confirmed yet (named by its
 * create's write id, `recordId` null: the writer sends the write against the Clio id once the create is applied).
 */
export interface WriteTarget {
  recordId: string | null;
  /** The etag the person saw by default (the mirror's); null for an unconfirmed record. */
  etag: string | null;
  data: Record<string, unknown>;
  matterId: string | null;
  contactId: string | null;
  /** The create of this app that made the record, if it was made here: the write orders behind it. */
  createWriteId: string | null;
}

const WRITE_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const mirrored = async (
  db: Kysely<OrchestratorDb>,
  firmId: string,
  entityType: WriteEntityType,
  id: string,
  createWriteId: string | null,
): Promise<WriteTarget | null> => {
  const t = await mirroredTarget(db, firmId, entityType, id);
  if (t === null) return null;
  const contact = t.data['contact'] as { id?: unknown } | null | undefined;
  return {
    recordId: t.id,
    etag: t.etag,
    data: t.data,
    matterId: t.matterId,
    contactId: contact?.id === undefined ? null : String(contact.id),
    createWriteId: createWriteId ?? (await createOfRecord(db, firmId, entityType, t.id)),
  };
};

/**
 * The firm's record a write changes, of one of `types`: a live mirrored record (by Clio id), or one created here (by
 * its create's write id: still unconfirmed, or confirmed and maybe not mirrored yet). A failed create, another firm's
 * or an unknown id is null (a 404 that does not say which).
 */
export const writeTarget = async (
  db: Kysely<OrchestratorDb>,
  firmId: string,
  types: readonly WriteEntityType[],
  id: string,
): Promise<{ entityType: WriteEntityType; target: WriteTarget } | null> => {
  for (const entityType of types) {
    const t = await mirrored(db, firmId, entityType, id, null);
    if (t) return { entityType, target: t };
  }
  if (!WRITE_ID.test(id)) return null;
  const { state: c, firmId: owner } = await loadWrite(db, id);
  if (c === null || owner !== firmId || c.operation !== 'create' || !types.includes(c.entityType)) return null;
  const provisional = { matterId: c.matterId, contactId: c.contactId, createWriteId: c.writeId };
  if (c.status === 'pending' || c.status === 'conflicted')
    return { entityType: c.entityType, target: { recordId: null, etag: null, data: {}, ...provisional } };
  if (c.status !== 'applied' || c.recordId === null) return null;
  const confirmed = await mirrored(db, firmId, c.entityType, c.recordId, c.writeId);
  const data = c.confirmed ?? {};
  return {
    entityType: c.entityType,
    target: confirmed ?? { recordId: c.recordId, etag: String(data['etag'] ?? '') || null, data, ...provisional },
  };
};

/**
 * Custom field values as Clio takes them: an existing value of the record is updated through its own id
 * (`{id: "text_line-5", value}`), a new one is added through its custom field (`{custom_field: {id}, value}`).
 */
export const customFieldWrites = (
  current: Record<string, unknown>,
  wanted: ReadonlyArray<{ custom_field_id: string; value: string | null }>,
): Array<Record<string, unknown>> => {
  const existing = Array.isArray(current['custom_field_values']) ? current['custom_field_values'] : [];
  return wanted.map((w) => {
    const found = existing.find(
      (e: unknown) => String((e as { custom_field?: { id?: unknown } }).custom_field?.id) === w.custom_field_id,
    ) as { id?: unknown } | undefined;
    const ref = { custom_field: { id: Number(w.custom_field_id) } };
    return typeof found?.id === 'string' ? { id: found.id, ...ref, value: w.value } : { ...ref, value: w.value };
  });
};
