import { SyncModes } from '@sf/contracts';
import type { PageFailure } from '@sf/clio-client';
import {
  listingSourceOf,
  liveCount,
  liveCountCreated,
  liveIds,
  liveIdsCreated,
  medianCreated,
  nextCreatedAfter,
  type ClioEntityType,
  type CreatedRange,
} from '@sf/clio-mirror';
import type { JobContext } from './job-context';
import { jobEvent } from './job-events';
import { onClioFailure, type Verification } from './job-outcomes';
import type { JobState } from '../domain/job-state';
import { breakerHolds, chunks, splitPoint } from '../domain/sweep-policy';
import { matterIdOf, scopeFilters } from '../domain/job-plan';
import { confirmIds } from './confirm-ids';
import { missingByListing } from './listing-diff';

/** Records found gone, and records found alive elsewhere (moved to another matter: re-observed, not deleted). */
type Found =
  | { ok: true; ids: string[]; probes: number; alive?: Array<Record<string, unknown>> }
  | { ok: 'unknown'; reason: string }
  | PageFailure;
/** A count of Clio's, or why it is unknown (`meta.records` absent or not a total), or a failure. */
type Probe = number | { ok: 'unknown'; reason: string } | PageFailure;

/** Clio's count of live records created at or after `t` (null = all), cached per instant: one API call each. */
const clioCounter = (ctx: JobContext, e: ClioEntityType, total: number) => {
  const cache = new Map<string, number>();
  let probes = 0;
  const suffix = async (t: string | null): Promise<Probe> => {
    if (t === null) return total;
    const hit = cache.get(t);
    if (hit !== undefined) return hit;
    probes += 1;
    const { resource, filters } = listingSourceOf(e);
    const r = await ctx.client.count(resource, { ...filters, created_since: t }, 'backfill');
    if (!r.ok) return r;
    if (r.total === null) return { ok: 'unknown', reason: r.reason };
    cache.set(t, r.total);
    return r.total;
  };
  const inRange = async (r: CreatedRange): Promise<Probe> => {
    const from = await suffix(r.from);
    if (typeof from !== 'number') return from;
    const to = r.to === null ? 0 : await suffix(r.to);
    return typeof to === 'number' ? from - to : to;
  };
  return { inRange, probes: () => probes };
};

/** A boundary that leaves rows on both sides of the range, or null when all its rows share one second. */
const splitOf = async (ctx: JobContext, e: ClioEntityType, r: CreatedRange): Promise<string | null> => {
  const firmId = ctx.work.firmId;
  const median = await medianCreated(ctx.db, e, firmId, r);
  if (median === null) return null;
  const t = splitPoint(median, r.from);
  if (t !== null && (await liveCountCreated(ctx.db, e, firmId, { from: r.from, to: t })) > 0) return t;
  const next = await nextCreatedAfter(ctx.db, e, firmId, r, median);
  return next === null ? null : splitPoint(next, r.from);
};

/**
 * Finds the `deficit` mirror rows Clio no longer has by bisecting creation time: Clio's `created_since` counts
 * against the mirror's counts tell which half holds the missing rows; a range small enough is confirmed by id.
 * Costs about log2(live / confirmBatch) counts per deleted record instead of listing every id.
 */
const findMissing = async (ctx: JobContext, e: ClioEntityType, clioTotal: number, deficit: number): Promise<Found> => {
  const counter = clioCounter(ctx, e, clioTotal);
  const batch = ctx.config.sweep.confirmBatch;
  const ids: string[] = [];
  const todo: Array<{ range: CreatedRange; deficit: number }> = [{ range: { from: null, to: null }, deficit }];
  for (let item = todo.pop(); item !== undefined; item = todo.pop()) {
    if (item.deficit <= 0) continue;
    const n = await liveCountCreated(ctx.db, e, ctx.work.firmId, item.range);
    const t = n > batch && counter.probes() < ctx.config.sweep.maxProbes ? await splitOf(ctx, e, item.range) : null;
    if (t === null) {
      if (n > batch * 10) continue; // one crowded second, or out of probes: leave it to the next full sync
      const c = await confirmIds(ctx, e, await liveIdsCreated(ctx.db, e, ctx.work.firmId, item.range, n));
      if (!c.ok) return c;
      ids.push(...c.value.goneIds);
      continue;
    }
    const upper = { from: t, to: item.range.to };
    const clioUpper = await counter.inRange(upper);
    if (typeof clioUpper !== 'number') return clioUpper;
    const upperDeficit = (await liveCountCreated(ctx.db, e, ctx.work.firmId, upper)) - clioUpper;
    todo.push(
      { range: { from: item.range.from, to: t }, deficit: item.deficit - upperDeficit },
      { range: upper, deficit: upperDeficit },
    );
  }
  return { ok: true, ids, probes: counter.probes() };
};

/** A matter's records are few: the mirror's live ids of the matter confirmed by id in a handful of calls. */
const findInMatter = async (ctx: JobContext, e: ClioEntityType, matterId: string): Promise<Found> => {
  const c = await confirmIds(ctx, e, await liveIds(ctx.db, e, ctx.work.firmId, matterId));
  return c.ok ? { ok: true, ids: c.value.goneIds, probes: 0, alive: c.value.alive } : c;
};

/**
 * Clio's count is unknown (`meta.records` absent or not a total): list every id of the scope and diff with the
 * mirror (`listing-diff.ts`). The breaker applies as to any sweep.
 */
const detectByListing = async (
  ctx: JobContext,
  state: JobState,
  e: ClioEntityType,
  why: string,
): Promise<Verification> => {
  const jobId = ctx.work.jobId;
  const matterId = matterIdOf(ctx.scope);
  const found = await missingByListing(ctx, e);
  if (!found.ok) return onClioFailure(ctx, state, found);
  ctx.log.info(
    { jobId, entityType: e, why, pages: found.pages, softDeleted: found.ids.length },
    'deletions detected by listing ids (count unknown)',
  );
  if (found.ids.length === 0) return { kind: 'events', events: [] };
  const held = breakerHolds(found.ids.length, await liveCount(ctx.db, e, ctx.work.firmId, matterId), ctx.config.sweep);
  const base = {
    jobId,
    ...(matterId === null ? {} : { matterId }),
    entityType: e,
    listed: found.listed,
    restoredIds: [],
    mode: SyncModes.incremental,
  };
  return {
    kind: 'events',
    events: [
      jobEvent(ctx.origin, ctx.now(), 'RecordsSwept', {
        ...base,
        softDeletedIds: held ? [] : found.ids,
        heldForReview: held,
        ...(held ? { heldIds: found.ids } : {}),
      }),
    ],
  };
};

/**
 * After an incremental listing: Clio has no tombstones and `updated_since` never returns a deleted record, so
 * compare Clio's live count of the scope with the mirror's (one call); only when the mirror has more, search for
 * the missing records (bisecting a firm, confirming a matter's ids) and soft-delete the ones Clio confirms gone
 * (breaker applies). A record moved to another matter is confirmed alive, never deleted.
 */
export const detectDeletes = async (ctx: JobContext, state: JobState, e: ClioEntityType): Promise<Verification> => {
  const firmId = ctx.work.firmId;
  const jobId = ctx.work.jobId;
  const matterId = matterIdOf(ctx.scope);
  const counted = await ctx.client.count(listingSourceOf(e).resource, scopeFilters(e, ctx.scope), 'backfill');
  if (!counted.ok) return onClioFailure(ctx, state, counted);
  if (counted.total === null) return detectByListing(ctx, state, e, counted.reason);
  const live = await liveCount(ctx.db, e, firmId, matterId);
  const deficit = live - counted.total;
  if (deficit <= 0) return { kind: 'events', events: [] };
  const base = {
    jobId,
    ...(matterId === null ? {} : { matterId }),
    entityType: e,
    listed: counted.total,
    restoredIds: [],
    mode: SyncModes.incremental,
  };
  if (breakerHolds(deficit, live, ctx.config.sweep)) {
    ctx.log.warn({ jobId, entityType: e, deficit, live }, 'deletions held for review (circuit breaker)');
    return {
      kind: 'events',
      events: [jobEvent(ctx.origin, ctx.now(), 'RecordsSwept', { ...base, softDeletedIds: [], heldForReview: true })],
    };
  }
  const found =
    matterId === null ? await findMissing(ctx, e, counted.total, deficit) : await findInMatter(ctx, e, matterId);
  if (found.ok === 'unknown') return detectByListing(ctx, state, e, found.reason);
  if (!found.ok) return onClioFailure(ctx, state, found);
  ctx.log.info(
    { jobId, entityType: e, deficit, softDeleted: found.ids.length, probes: found.probes },
    'deletions detected by count',
  );
  const moved = chunks(found.alive ?? [], 200).map((records) =>
    jobEvent(ctx.origin, ctx.now(), 'ClioRecordsFetched', {
      jobId,
      entityType: e,
      records,
      mode: SyncModes.incremental,
    }),
  );
  if (found.ids.length === 0) return { kind: 'events', events: moved };
  return {
    kind: 'events',
    events: [
      ...moved,
      jobEvent(ctx.origin, ctx.now(), 'RecordsSwept', { ...base, softDeletedIds: found.ids, heldForReview: false }),
    ],
  };
};
