import { sql, type Kysely } from 'kysely';
import type { PlatformDb } from '../../tools/migration-sets';

export interface SeededMirror {
  matters: number;
  folders: number;
  documents: number;
  /** Folder ids, each holding `documents / folders` documents. */
  folderIds: string[];
}

/**
 * A large firm's mirror, written straight into the mirror's tables in a few set-based statements (the bench
 * measures reads; building 100k rows through the projection would take minutes and measure nothing here). The rows
 * have every column the projection writes, with matter fields, custom field values and document versions.
 */
export const seedMirror = async (
  db: Kysely<PlatformDb>,
  firmId: string,
  o: { matters: number; folders: number; documents: number },
): Promise<SeededMirror> => {
  const perFolder = Math.ceil(o.documents / o.folders);
  await sql`
    insert into clio_matters (firm_id, id, etag, created_at, updated_at, data, matter_id, is_soft_deleted, is_redacted,
      deleted_at, last_job_id, last_tx_id, last_global_position, last_synced_at, last_source)
    select ${firmId}, g::text, '"m' || g || '"', now() - (g || ' minutes')::interval, now() - (g || ' seconds')::interval,
      jsonb_build_object('id', g, 'display_number', lpad(g::text, 5, '0') || '-Bench', 'description', 'Bench matter ' || g,
        'status', case when g % 3 = 0 then 'Closed' else 'Open' end),
      g::text, false, false, null, 'job-bench', 1, 1, now(), 'sync'
    from generate_series(1, ${o.matters}) g`.execute(db);
  await sql`
    insert into clio_matter_fields (firm_id, matter_id, display_number, status, client_id, practice_area_id, practice_area_name)
    select ${firmId}, g::text, lpad(g::text, 5, '0') || '-Bench', case when g % 3 = 0 then 'Closed' else 'Open' end,
      (g % 50)::text, (g % 7)::text, 'Area ' || (g % 7)
    from generate_series(1, ${o.matters}) g`.execute(db);
  await sql`
    insert into clio_custom_field_values (firm_id, parent_type, parent_id, custom_field_id, id, field_type, value_raw, value_text, soft_deleted)
    select ${firmId}, 'Matter', g::text, f::text, 'text_line-' || g || '-' || f, 'text_line', 'value ' || g, 'value ' || g, false
    from generate_series(1, ${o.matters}) g, generate_series(1, 2) f`.execute(db);
  await sql`
    insert into clio_folders (firm_id, id, etag, created_at, updated_at, data, matter_id, parent_id, is_soft_deleted,
      is_redacted, deleted_at, last_job_id, last_tx_id, last_global_position, last_synced_at, last_source)
    select ${firmId}, (100000 + g)::text, '"f' || g || '"', now(), now(), jsonb_build_object('id', 100000 + g, 'name', 'Folder ' || g),
      (1 + g % ${o.matters})::text, null, false, false, null, 'job-bench', 1, 1, now(), 'sync'
    from generate_series(1, ${o.folders}) g`.execute(db);
  await sql`
    insert into clio_documents (firm_id, id, etag, created_at, updated_at, data, matter_id, parent_id, is_soft_deleted,
      is_redacted, deleted_at, last_job_id, last_tx_id, last_global_position, last_synced_at, last_source)
    select ${firmId}, (1000000 + g)::text, '"d' || g || '"', now() - (g || ' seconds')::interval, now(),
      jsonb_build_object('id', 1000000 + g, 'name', 'doc-' || g || '.pdf', 'filename', 'doc-' || g || '.pdf',
        'content_type', 'application/pdf', 'size', 1000 + g),
      (1 + ((g - 1) / ${perFolder} + 1) % ${o.matters})::text, (100000 + (g - 1) / ${perFolder} + 1)::text,
      false, false, null, 'job-bench', 1, 1, now(), 'sync'
    from generate_series(1, ${o.documents}) g`.execute(db);
  await sql`
    insert into clio_document_versions (firm_id, id, document_id, uuid, version_number, filename, size, content_type,
      fully_uploaded, is_latest, etag, created_at, updated_at)
    select ${firmId}, (5000000 + g)::text, (1000000 + g)::text, md5(g::text), 1, 'doc-' || g || '.pdf', 1000 + g,
      'application/pdf', true, true, null, now(), now()
    from generate_series(1, ${o.documents}) g`.execute(db);
  await sql`analyze`.execute(db);
  return {
    ...o,
    folderIds: Array.from({ length: o.folders }, (_, i) => String(100000 + i + 1)),
  };
};
