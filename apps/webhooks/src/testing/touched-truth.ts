import { sql } from 'kysely';
import type { Executor } from '@sf/db';
import type { Simulator } from '@sf/clio-simulator';
import { mirrorTableOf, type ClioEntityType, type ClioMirrorTables } from '@sf/clio-mirror';
import { WEBHOOK_MODELS, type WebhookEntityType } from '@sf/sync-webhooks';

const COVERED: ReadonlySet<string> = new Set(Object.values(WEBHOOK_MODELS));

/** Records (per entity type) a simulator changed while a test ran: its change feed, for the types webhooks cover. */
export const recordTouched = (sim: Simulator): Map<WebhookEntityType, Set<number>> => {
  const touched = new Map<WebhookEntityType, Set<number>>();
  sim.store.onChange((c) => {
    if (!COVERED.has(c.resource)) return;
    const e = c.resource as WebhookEntityType;
    const ids = touched.get(e) ?? new Set<number>();
    ids.add(c.id);
    touched.set(e, ids);
  });
  return touched;
};

/**
 * Touched records whose mirror row differs from the simulator: a live record must be mirrored with its etag and not
 * deleted; a deleted or trashed one must be absent or soft-deleted. Returns `<type>/<id>` of each mismatch.
 */
export const touchedMismatches = async <DB extends ClioMirrorTables>(
  db: Executor<DB>,
  sim: Simulator,
  firmId: string,
  touched: ReadonlyMap<WebhookEntityType, ReadonlySet<number>>,
): Promise<string[]> => {
  const out: string[] = [];
  for (const [e, ids] of touched) {
    const rows = await sql<{ id: string; etag: string; is_soft_deleted: boolean }>`
      select id, etag, is_soft_deleted from ${sql.table(mirrorTableOf(e as ClioEntityType))}
      where firm_id = ${firmId} and id = any(${[...ids].map(String)}::text[])`.execute(db);
    const mirror = new Map(rows.rows.map((r) => [r.id, r]));
    for (const id of ids) {
      const rec = sim.store.table(e).get(id) as { etag: string; deleted_at?: number | null } | undefined;
      const row = mirror.get(String(id));
      const live = rec !== undefined && (rec.deleted_at === undefined || rec.deleted_at === null);
      const ok = live
        ? row !== undefined && !row.is_soft_deleted && row.etag === rec.etag
        : !row || row.is_soft_deleted;
      if (!ok) out.push(`${e}/${id}`);
    }
  }
  return out;
};
