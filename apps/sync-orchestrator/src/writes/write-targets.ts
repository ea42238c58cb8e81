import { sql, type Kysely } from 'kysely';
import { mirrorTableOf, type ClioEntityType } from '@sf/clio-mirror';
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

/** A note's kind: matter notes and contact notes are two mirror tables (two listings of Clio's `/notes.json`). */
export const mirroredNote = async (
  db: Kysely<OrchestratorDb>,
  firmId: string,
  id: string,
): Promise<{ entityType: 'matter_notes' | 'contact_notes'; target: MirroredTarget } | null> => {
  const m = await mirroredTarget(db, firmId, 'matter_notes', id);
  if (m) return { entityType: 'matter_notes', target: m };
  const c = await mirroredTarget(db, firmId, 'contact_notes', id);
  return c ? { entityType: 'contact_notes', target: c } : null;
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
