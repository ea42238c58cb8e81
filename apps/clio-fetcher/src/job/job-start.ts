import { matchCount } from '@sf/clio-client';
import { listingSourceOf, type ClioEntityType } from '@sf/clio-mirror';
import { RunEnd, type JobContext } from './job-context';
import { jobEvent } from './job-events';
import { chooseMode, planEntityTypes, scopeFilters } from '../domain/job-plan';
import { planPhases } from '../domain/phase-plan';
import { readBookmark } from './job-listing';
import { end, loadJob, ok, onRefusal, type Step } from './job-outcomes';
import { foldOnto, type JobState } from '../domain/job-state';
import { appendFenced, isClosed } from './job-writer';
import { settleLease } from '@sf/work-queue';
import { RECENT_FIRST_ENTITY_TYPES } from '@sf/sync-jobs';

interface Estimate {
  estimates: Record<string, number>;
  /** Records created in the recent window, per recent-first entity type counted. */
  recent: Record<string, number>;
  /** Entity types counted whose count Clio did not back up, with the reason (`matchCount`). */
  unknown: Record<string, string>;
  complete: boolean;
  clioStartedAt: string | null;
}

/**
 * Counts what each fully listed entity type holds (one request each, `limit=1`), for the pre-sync estimate and
 * ETA, and for a recent-first job what each recent window holds (one more request each). Incremental types are not counted: their first page reports how many records changed. A count the page does
 * not back up (`meta.records` absent or not a total, see `matchCount`) is left unknown, with the reason recorded in
 * `SyncJobStarted.unknownEstimates`, never guessed. Best effort: any other failure (rate limit included) ends counting, and the listing that follows meets
 * it properly; a 403 leaves that type uncounted and the listing records it as forbidden.
 */
const estimate = async (ctx: JobContext, types: readonly ClioEntityType[]): Promise<Estimate> => {
  const out: Estimate = { estimates: {}, recent: {}, unknown: {}, complete: true, clioStartedAt: null };
  const since = recentWindowOf(ctx);
  for (const e of types) {
    if (chooseMode(ctx.scope, ctx.work.trigger, await readBookmark(ctx, e), ctx.work.fullListing) !== 'full') {
      out.complete = false;
      continue;
    }
    const r = await ctx.client.fetchPage(
      { resource: listingSourceOf(e).resource, fields: ['id'], filters: scopeFilters(e, ctx.scope), limit: 1 },
      'backfill',
    );
    if (!r.ok && r.kind === 'forbidden') {
      out.complete = false;
      continue;
    }
    if (!r.ok) return { ...out, complete: false };
    out.clioStartedAt ??= r.page.serverDate;
    const count = matchCount(r.page);
    if (count.known) out.estimates[e] = count.total;
    else {
      out.complete = false;
      out.unknown[e] = count.reason;
    }
    if (since !== null && isRecentFirst(e)) {
      const w = await countRecent(ctx, e, since);
      if (w === 'stop') return { ...out, complete: false };
      if (w !== null) out.recent[e] = w;
    }
  }
  if (Object.keys(out.unknown).length > 0)
    ctx.log.info({ jobId: ctx.work.jobId, unknown: out.unknown }, 'estimate unknown for some entity types');
  return out;
};

/** The recent window a phased firm-wide job lists first, or null. */
const recentWindowOf = (ctx: JobContext): string | null =>
  ctx.work.phased && ctx.scope.kind === 'firm' ? ctx.work.recentSince : null;

const isRecentFirst = (e: ClioEntityType): boolean => (RECENT_FIRST_ENTITY_TYPES as readonly string[]).includes(e);

/**
 * The records created in the recent window (one more `limit=1` request): the window lists them before the complete
 * listing lists them again, so the ETA counts its pages too. Null when Clio's count is not usable; `stop` when the
 * request failed (counting ends, as for the totals).
 */
const countRecent = async (ctx: JobContext, e: ClioEntityType, since: string): Promise<number | null | 'stop'> => {
  const r = await ctx.client.fetchPage(
    {
      resource: listingSourceOf(e).resource,
      fields: ['id'],
      filters: { ...scopeFilters(e, ctx.scope), created_since: since },
      limit: 1,
    },
    'backfill',
  );
  if (!r.ok) return 'stop';
  const count = matchCount(r.page);
  return count.known ? count.total : null;
};

const startJob = async (ctx: JobContext, s: JobState): Promise<Step> => {
  const types = planEntityTypes(ctx.scope, ctx.work.entityTypes);
  const e = await estimate(ctx, types);
  const total = Object.values(e.estimates).reduce((a, b) => a + b, 0);
  const scope =
    ctx.scope.kind === 'matter' ? { kind: 'matter' as const, matterId: ctx.scope.matterId } : { kind: 'firm' as const };
  const event = jobEvent(ctx.origin, ctx.now(), 'SyncJobStarted', {
    jobId: ctx.work.jobId,
    scope,
    entityTypes: types,
    estimatedTotal: e.complete ? total : null,
    ...(Object.keys(e.estimates).length > 0 ? { estimates: e.estimates } : {}),
    ...(e.clioStartedAt ? { clioStartedAt: e.clioStartedAt } : {}),
    ...(Object.keys(e.unknown).length > 0
      ? { unknownEstimates: Object.entries(e.unknown).map(([entityType, reason]) => ({ entityType, reason })) }
      : {}),
    ...(ctx.work.phased && ctx.scope.kind === 'firm' ? { phases: planPhases(types) } : {}),
    ...(ctx.work.phased && ctx.work.recentSince !== null ? { recentSince: ctx.work.recentSince } : {}),
    ...(Object.keys(e.recent).length > 0 ? { recentEstimates: e.recent } : {}),
  });
  const r = await appendFenced(ctx, s.version, [event]);
  if (!r.ok) return onRefusal(ctx, r.reason);
  ctx.log.info(
    { jobId: ctx.work.jobId, firmId: ctx.work.firmId, scope, entityTypes: types, estimates: e.estimates },
    'job started',
  );
  return ok(foldOnto(s, r.events));
};

/**
 * Begins a claimed job: a closed or paused job is parked and left alone; a new one gets `SyncJobStarted` (with
 * estimates); one that already ran gets `SyncJobResumed`, which also fences off any earlier holder still writing
 * (its next append expects the old version and fails).
 */
export const startOrResume = async (ctx: JobContext): Promise<Step> => {
  const s = await loadJob(ctx);
  if (await isClosed(ctx.db, ctx)) {
    await settleLease(ctx.db, ctx.lease, 'cancelled');
    return end(RunEnd.fenced);
  }
  if (s.paused) {
    await settleLease(ctx.db, ctx.lease, 'paused');
    return end(RunEnd.fenced);
  }
  if (!s.started) {
    const started = await startJob(ctx, s);
    // Refused and re-read: someone else started it meanwhile; resume what is there.
    if (started.kind === 'end' || started.state.started) return started;
    return end(RunEnd.fenced);
  }
  const r = await appendFenced(ctx, s.version, [
    jobEvent(ctx.origin, ctx.now(), 'SyncJobResumed', { jobId: ctx.work.jobId }),
  ]);
  if (!r.ok) return onRefusal(ctx, r.reason);
  ctx.log.info({ jobId: ctx.work.jobId, version: s.version }, 'job resumed from its page cursor');
  return ok(foldOnto(s, r.events));
};
