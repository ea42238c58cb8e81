import type { ListingWindow, SyncMode } from '@sf/contracts';
import type { ClioEntityType } from '@sf/clio-mirror';
import { RunEnd, type JobContext } from './job-context';
import { jobEvent } from './job-events';
import { chooseMode, clioClockOffsetMs, listRequest, nextBookmark, scopeKeyOf } from '../domain/job-plan';
import { end, ok, onClioFailure, onRefusal, type Step } from './job-outcomes';
import { matchCount } from '@sf/clio-client';
import { checkPage } from '../domain/page-check';
import { foldOnto, listingOf, restartPointOf, type JobState } from '../domain/job-state';
import { storedBeforeRestart } from '../domain/restart-point';
import { yieldsTo } from '../domain/priority';
import { forbidEntity, restartListing } from './listing-recovery';
import { appendFenced } from './job-writer';
import { NextPage } from './next-page';
import { syncPagesAppended, syncRecords } from '@sf/metrics';

/** The scope's bookmark for an entity type (ISO), or null when it has none (never completed, or reset). */
export const readBookmark = async (
  ctx: Pick<JobContext, 'db' | 'work' | 'scope'>,
  e: ClioEntityType,
): Promise<string | null> => {
  const row = await ctx.db
    .selectFrom('sync_bookmarks')
    .select('updated_since')
    .where('firm_id', '=', ctx.work.firmId)
    .where('scope_key', '=', scopeKeyOf(ctx.scope))
    .where('entity_type', '=', e)
    .executeTakeFirst();
  return row ? new Date(row.updated_since).toISOString() : null;
};

/** How an entity type is listed in this job: as already begun, or as its bookmark allows. */
export const modeFor = async (
  ctx: JobContext,
  state: JobState,
  e: ClioEntityType,
): Promise<{ mode: SyncMode; bookmark: string | null }> => {
  const begun = state.progress[e];
  const bookmark = await readBookmark(ctx, e);
  return { mode: begun?.mode ?? chooseMode(ctx.scope, ctx.work.trigger, bookmark, ctx.work.fullListing), bookmark };
};

/**
 * Lists one entity type to the end, from its page cursor: each page is ONE append of its records and the next
 * page cursor (`ClioRecordsFetched` + `SyncProgressed` with the next page URL, plus `SyncRecordsFlagged` for
 * records that failed validation), so a killed fetcher resumes at the page after the last one appended. The last
 * page's append also moves the entity type's bookmark. A recent `window` lists the records created since the job's
 * `recentSince` in full (its own page cursor, no bookmark), ahead of the complete listing. With the job's `types`,
 * it returns early, at a page boundary, when another of them was prioritised (see `yieldsTo`).
 */
export const runListing = async (
  ctx: JobContext,
  state: JobState,
  e: ClioEntityType,
  window: ListingWindow | null = null,
  types: readonly ClioEntityType[] = [],
): Promise<Step> => {
  let s = state;
  const { mode, bookmark } = window === null ? await modeFor(ctx, s, e) : { mode: 'full' as const, bookmark: null };
  const jobId = ctx.work.jobId;
  const next = new NextPage(ctx);
  for (;;) {
    const p = listingOf(s, e, window);
    if (p?.complete || s.progress[e]?.forbidden) return ok(s);
    // A page boundary: a user prioritised another entity type (seen when this job's stream moved), which goes first.
    if (yieldsTo(s, types, e) !== null) return ok(s);
    if (ctx.lost.aborted) return end(RunEnd.fenced);
    // A graceful stop still appends a page already asked for, so the replica that resumes never asks for it again.
    if (ctx.stopping() && !next.has(p?.cursor)) return end(RunEnd.interrupted);
    const since = window === null ? null : s.recentSince;
    const req = p?.cursor
      ? { cursorUrl: p.cursor }
      : listRequest(e, ctx.scope, mode, bookmark, ctx.config.pageSize, since);
    const ahead = next.take(p?.cursor);
    const { outcome, receivedAt } = ahead
      ? await ahead
      : { outcome: await ctx.client.fetchPage(req, 'backfill'), receivedAt: ctx.now() };
    if (!outcome.ok) {
      const next =
        outcome.kind === 'forbidden'
          ? await forbidEntity(ctx, s, e, outcome.reason)
          : outcome.kind === 'cursor_rejected' && p?.cursor
            ? await restartListing(ctx, s, e, window, outcome.reason)
            : await onClioFailure(ctx, s, outcome);
      if (next.kind === 'end') return next;
      s = next.state;
      continue;
    }
    const page = outcome.page;
    // A short page (even an empty one) with a next link is normal: Clio filters records by the user's permissions.
    const after = restartPointOf(s, e, window);
    const records = after === null ? page.records : page.records.filter((r) => !storedBeforeRestart(r['id'], after));
    const { valid, flagged } = checkPage(e, records);
    const fetched = (p?.fetched ?? 0) + records.length;
    const count = matchCount(page, p?.fetched ?? 0);
    const total = count.known ? count.total : (s.progress[e]?.total ?? null);
    const events = [
      ...(valid.length > 0
        ? [jobEvent(ctx.origin, ctx.now(), 'ClioRecordsFetched', { jobId, entityType: e, records: valid, mode })]
        : []),
      jobEvent(ctx.origin, ctx.now(), 'SyncProgressed', {
        jobId,
        entityType: e,
        fetched,
        total,
        cursor: page.nextUrl,
        mode,
        ...(window === null ? {} : { window }),
        apiCalls: outcome.apiCalls,
      }),
      ...(flagged.length > 0
        ? [jobEvent(ctx.origin, ctx.now(), 'SyncRecordsFlagged', { jobId, entityType: e, records: flagged })]
        : []),
    ];
    const done = page.nextUrl === null;
    const offset = clioClockOffsetMs(page.serverDate, receivedAt);
    const b = done
      ? {
          entityType: e,
          updatedSince: nextBookmark(
            s.clioStartedAt,
            s.startedAt ?? receivedAt.toISOString(),
            ctx.config.overlapMs,
            offset,
          ),
        }
      : undefined;
    // A recent window leaves the bookmark alone: only the complete listing has seen every change.
    const moved = window === null ? b : undefined;
    if (page.nextUrl !== null && !ctx.stopping()) next.request(page.nextUrl);
    const r = await appendFenced(ctx, s.version, events, { progress: true, bookmark: moved });
    if (!r.ok) {
      const next = await onRefusal(ctx, r.reason);
      if (next.kind === 'end') return next;
      s = next.state;
      continue;
    }
    s = foldOnto(s, r.events);
    ctx.work.attempts = 0;
    syncPagesAppended.inc({ entity_type: e });
    syncRecords.inc({ entity_type: e }, valid.length);
    ctx.log.debug(
      { jobId, entityType: e, records: records.length, flagged: flagged.length, fetched, total },
      'page appended',
    );
    if (flagged.length > 0)
      ctx.log.warn({ jobId, entityType: e, flagged: flagged.length }, 'records flagged for review');
    if (done)
      ctx.log.info(
        { jobId, entityType: e, mode, window, fetched, bookmark: moved?.updatedSince },
        'entity type listed',
      );
  }
};
