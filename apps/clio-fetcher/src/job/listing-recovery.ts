import type { ClioEntityType } from '@sf/clio-mirror';
import { clioIdOf } from '@sf/clio-mirror';
import { readLoggedEvent, streamIds, type ListingWindow } from '@sf/contracts';
import type { Executor } from '@sf/db';
import { readStream } from '@sf/event-store';
import { describeForbidden } from '@sf/sync-policy';
import type { JobContext } from './job-context';
import { jobEvent } from './job-events';
import { ok, onClioFailure, onRefusal, type Step } from './job-outcomes';
import { foldOnto, type JobState } from '../domain/job-state';
import { maxIntegerId } from '../domain/restart-point';
import { appendFenced } from './job-writer';
import type { FetcherDb } from '../schema/fetcher-schema';

/** A listing whose fresh cursors keep being refused is not an expiry: it fails like any Clio failure. */
const MAX_RESTARTS = 3;

/** Clio answered 403 to an entity type's listing: record it with the user-facing reason, and carry on without it. */
export const forbidEntity = async (ctx: JobContext, s: JobState, e: ClioEntityType, detail: string): Promise<Step> => {
  const event = jobEvent(ctx.origin, ctx.now(), 'SyncEntityForbidden', {
    jobId: ctx.work.jobId,
    entityType: e,
    reason: describeForbidden(e),
    detail: detail.slice(0, 200),
  });
  const r = await appendFenced(ctx, s.version, [event], { progress: true });
  if (!r.ok) return onRefusal(ctx, r.reason);
  ctx.log.warn({ jobId: ctx.work.jobId, entityType: e, detail }, 'entity type forbidden by Clio; skipped');
  return ok(foldOnto(s, r.events));
};

/**
 * The largest integer id this job stored (or flagged) in one listing of an entity type: its complete listing
 * (`window` null) or its recent window, told apart by the `SyncProgressed` appended with each page. The listing's
 * last safe point. Reads the job's page events once: a restart is rare.
 */
export const lastStoredId = async (
  db: Executor<FetcherDb>,
  jobId: string,
  e: ClioEntityType,
  window: ListingWindow | null,
): Promise<string | null> => {
  const events = await readStream(db, streamIds.syncJob(jobId), {
    types: ['ClioRecordsFetched', 'SyncProgressed', 'SyncRecordsFlagged', 'SyncListingRestarted'],
  });
  const ids: Array<string | null> = [];
  let pending: Array<string | null> = [];
  let lastWindow: ListingWindow | null | undefined;
  for (const raw of events) {
    const ev = readLoggedEvent(raw);
    if (!('entityType' in ev.data) || ev.data.entityType !== e) continue;
    // A page is ONE append: its records, then its SyncProgressed (which says which listing), then its flags.
    if (ev.type === 'ClioRecordsFetched') pending = ev.data.records.map((r) => clioIdOf(r['id']));
    else if (ev.type === 'SyncProgressed') {
      lastWindow = ev.data.window ?? null;
      if (lastWindow === window) ids.push(...pending);
      pending = [];
    } else if (ev.type === 'SyncRecordsFlagged' && lastWindow === window) ids.push(...ev.data.records.map((r) => r.id));
    else if (ev.type === 'SyncListingRestarted' && (ev.data.window ?? null) === window) ids.push(ev.data.afterId);
  }
  return maxIntegerId(ids);
};

/**
 * Clio refused the stored page cursor (it expired during a block, a pause or a crash). Clio has no "ids above"
 * filter, so the listing starts again from its first page in `id(asc)` order and skips the ids already stored:
 * the entity type costs its earlier pages again, the job does not start from zero, and nothing is stored twice.
 */
export const restartListing = async (
  ctx: JobContext,
  s: JobState,
  e: ClioEntityType,
  window: ListingWindow | null,
  reason: string,
): Promise<Step> => {
  if ((s.progress[e]?.restarts ?? 0) >= MAX_RESTARTS)
    return onClioFailure(ctx, s, { ok: false, kind: 'failed', reason: `${reason} (after ${MAX_RESTARTS} restarts)` });
  const afterId = await lastStoredId(ctx.db, ctx.work.jobId, e, window);
  const event = jobEvent(ctx.origin, ctx.now(), 'SyncListingRestarted', {
    jobId: ctx.work.jobId,
    entityType: e,
    afterId,
    reason: reason.slice(0, 200),
    ...(window === null ? {} : { window }),
  });
  const r = await appendFenced(ctx, s.version, [event]);
  if (!r.ok) return onRefusal(ctx, r.reason);
  ctx.log.warn(
    { jobId: ctx.work.jobId, entityType: e, window, afterId, reason },
    'page cursor refused; listing restarted',
  );
  return ok(foldOnto(s, r.events));
};
