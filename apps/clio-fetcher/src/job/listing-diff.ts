import type { PageFailure } from '@sf/clio-client';
import { clioIdOf, listingSourceOf, liveIds, type ClioEntityType } from '@sf/clio-mirror';
import { matterIdOf, scopeFilters } from '../domain/job-plan';
import type { JobContext } from './job-context';
import { confirmIds } from './confirm-ids';

export type MissingIds = { ok: true; ids: string[]; listed: number; pages: number } | PageFailure;

/**
 * The mirror's live ids of an entity type (in the job's scope) that Clio no longer lists, by listing every id (`fields=id`, cursor
 * pages of 200) and confirming the difference by id before anything is deleted. The fallback when Clio's count
 * is unknown (`meta.records` absent or not a total): one call per 200 records instead of a count, and correct
 * whatever `meta.records` means. A redacted record is listed with its id, so it is never taken for a deletion.
 */
export const missingByListing = async (ctx: JobContext, e: ClioEntityType): Promise<MissingIds> => {
  const listed = new Set<string>();
  let pages = 0;
  const req = {
    resource: listingSourceOf(e).resource,
    fields: ['id'],
    filters: scopeFilters(e, ctx.scope),
    limit: 200,
  };
  for await (const outcome of ctx.client.pages(req, 'backfill')) {
    if (!outcome.ok) return outcome;
    pages += 1;
    for (const r of outcome.page.records) {
      const id = clioIdOf(r['id']);
      if (id !== null) listed.add(id);
    }
  }
  const mirrored = await liveIds(ctx.db, e, ctx.work.firmId, matterIdOf(ctx.scope));
  const candidates = mirrored.filter((id) => !listed.has(id));
  if (candidates.length === 0) return { ok: true, ids: [], listed: listed.size, pages };
  const confirmed = await confirmIds(ctx, e, candidates);
  if (!confirmed.ok) return confirmed;
  return { ok: true, ids: confirmed.value.goneIds, listed: listed.size, pages };
};
