import type { PageFailure } from '@sf/clio-client';
import {
  CLIO_FIELDS,
  checkRecord,
  clioIdOf,
  instantOf,
  listingSourceOf,
  TREE_ENTITY_TYPES,
  type ClioEntityType,
} from '@sf/clio-mirror';
import type { JobContext } from './job-context';
import { chunks } from '../domain/sweep-policy';

export interface Confirmation {
  /** Candidates Clio still has, live: re-observed (moved, or missed by the listing), never deleted. */
  alive: Array<Record<string, unknown>>;
  /** Candidates Clio no longer has (or has in the trash): safe to soft-delete. */
  goneIds: string[];
}

/**
 * Asks Clio for the candidates by id (`ids[]`, trash included for documents and folders) before anything is
 * deleted: only ids Clio confirms missing or trashed are deleted, so a record that still exists is never deleted,
 * whatever happened to the listing (deletes while it ran, a record moved to another matter).
 */
export const confirmIds = async (
  ctx: JobContext,
  e: ClioEntityType,
  ids: readonly string[],
): Promise<{ ok: true; value: Confirmation } | PageFailure> => {
  const alive: Array<Record<string, unknown>> = [];
  const goneIds: string[] = [];
  for (const batch of chunks(ids, ctx.config.sweep.confirmBatch)) {
    const { resource, filters: own } = listingSourceOf(e);
    const filters = { ...own, 'ids[]': batch, ...(TREE_ENTITY_TYPES.has(e) ? { include_deleted: 'true' } : {}) };
    const outcome = await ctx.client.fetchPage(
      { resource, fields: [...CLIO_FIELDS[e]], filters, limit: 200 },
      'backfill',
    );
    if (!outcome.ok) return outcome;
    const live = new Set<string>();
    for (const record of outcome.page.records) {
      const id = clioIdOf(record['id']);
      const trashed = TREE_ENTITY_TYPES.has(e) && instantOf(record['deleted_at']) !== null;
      if (id === null || trashed || !batch.includes(id)) continue;
      // Present in Clio: kept whatever its shape; only a valid record is re-appended for the mirror.
      live.add(id);
      if (checkRecord(e, record).ok) alive.push(record);
    }
    goneIds.push(...batch.filter((id) => !live.has(id)));
  }
  return { ok: true, value: { alive, goneIds } };
};
