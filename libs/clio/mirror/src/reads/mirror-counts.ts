import { sql } from 'kysely';
import type { Executor } from '@sf/db';
import { CLIO_ENTITY_TYPES, mirrorTableOf, type ClioEntityType } from '../entity-types';
import type { ClioMirrorTables } from '../schema/clio-mirror.tables';

/** What the mirror holds of one entity type for a firm. */
export interface MirrorCount {
  entityType: ClioEntityType;
  live: number;
  deleted: number;
  /** Latest `last_synced_at` of the type's rows (ISO); null when none. */
  lastSyncedAt: string | null;
}

/** Counts of every entity type, in sync order: one statement over the mirror tables. */
export const mirrorCounts = async <DB extends ClioMirrorTables>(
  db: Executor<DB>,
  firmId: string,
): Promise<MirrorCount[]> => {
  const parts = CLIO_ENTITY_TYPES.map(
    (e) => sql`select ${e}::text as entity_type, count(*) filter (where not is_soft_deleted)::int as live,
      count(*) filter (where is_soft_deleted)::int as deleted, max(last_synced_at) as last_synced_at
      from ${sql.table(mirrorTableOf(e))} where firm_id = ${firmId}`,
  );
  const r = await sql<{ entity_type: ClioEntityType; live: number; deleted: number; last_synced_at: Date | null }>`
    ${sql.join(parts, sql` union all `)}`.execute(db);
  const byType = new Map(r.rows.map((x) => [x.entity_type, x]));
  return CLIO_ENTITY_TYPES.map((e) => {
    const x = byType.get(e);
    return {
      entityType: e,
      live: x?.live ?? 0,
      deleted: x?.deleted ?? 0,
      lastSyncedAt: x?.last_synced_at?.toISOString() ?? null,
    };
  });
};
