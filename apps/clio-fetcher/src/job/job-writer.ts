import type { Transaction } from 'kysely';
import { streamIds, type NewEvent, type RecordedEvent } from '@sf/contracts';
import type { Executor } from '@sf/db';
import { appendToStream, LogPosition, readStream, streamVersion } from '@sf/event-store';
import type { SyncScope } from '@sf/sync-jobs';
import { releaseLease, renewLease, settleLease } from '@sf/work-queue';
import type { JobContext } from './job-context';
import { scopeKeyOf } from '../domain/job-plan';
import type { FetcherDb } from '../schema/fetcher-schema';

/** Why a fenced write wrote nothing: the job stream moved (conflict) or the lease is gone (lost). */
export type WriteRefusal = 'conflict' | 'lost_lease' | 'closed';
export type WriteResult = { ok: true; version: number; events: RecordedEvent[] } | { ok: false; reason: WriteRefusal };

class Refused extends Error {
  constructor(readonly reason: WriteRefusal) {
    super(reason);
  }
}

export interface AppendOptions {
  /** Completes an entity type: move its bookmark (never backwards) in the same transaction. */
  bookmark?: { entityType: string; updatedSince: string };
  /** Gives the job back in the same transaction (blocked until `until`). */
  release?: { until: Date; attempts?: number; lastError?: string };
  /** A page landed: the job is making progress again. */
  progress?: boolean;
}

/** Runs `body` in a transaction that first proves this worker still holds the job; refusals roll it back. */
const fenced = async <T>(
  ctx: JobContext,
  body: (trx: Transaction<FetcherDb>) => Promise<T>,
  progress = false,
): Promise<T | { ok: false; reason: WriteRefusal }> => {
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      if (!(await renewLease(trx, ctx.lease, ctx.config.leaseMs, { resetAttempts: progress })))
        throw new Refused('lost_lease');
      return body(trx);
    });
  } catch (err) {
    if (err instanceof Refused) return { ok: false, reason: err.reason };
    throw err;
  }
};

const appendJob = async (
  trx: Transaction<FetcherDb>,
  ctx: JobContext,
  expected: number,
  events: NewEvent[],
): Promise<RecordedEvent[]> => {
  const r = await appendToStream(
    trx,
    streamIds.syncJob(ctx.work.jobId),
    'sync_job',
    expected === 0 ? 'no_stream' : expected,
    events,
  );
  if (!r.ok) throw new Refused('conflict');
  return r.events;
};

const moveBookmark = async (
  trx: Transaction<FetcherDb>,
  ctx: JobContext,
  b: NonNullable<AppendOptions['bookmark']>,
  at: RecordedEvent,
): Promise<void> => {
  const p = LogPosition.of(at);
  await trx
    .insertInto('sync_bookmarks')
    .values({
      firm_id: ctx.work.firmId,
      scope_key: scopeKeyOf(ctx.scope),
      entity_type: b.entityType,
      updated_since: b.updatedSince,
      job_id: ctx.work.jobId,
      set_tx_id: p.txId.toString(),
      set_global_position: p.position.toString(),
    })
    .onConflict((oc) =>
      oc
        .columns(['firm_id', 'scope_key', 'entity_type'])
        .doUpdateSet((eb) => ({
          updated_since: eb.ref('excluded.updated_since'),
          job_id: eb.ref('excluded.job_id'),
          set_tx_id: eb.ref('excluded.set_tx_id'),
          set_global_position: eb.ref('excluded.set_global_position'),
        }))
        .where('sync_bookmarks.updated_since', '<', (eb) => eb.ref('excluded.updated_since')),
    )
    .execute();
};

/**
 * Appends to the job stream at exactly `expected`, fenced by the lease, together with what must commit with it
 * (the bookmark of a completed entity type, the release of a blocked job). Atomic: page and page cursor, or nothing.
 */
export const appendFenced = async (
  ctx: JobContext,
  expected: number,
  events: NewEvent[],
  o: AppendOptions = {},
): Promise<WriteResult> =>
  fenced(
    ctx,
    async (trx) => {
      const recorded = await appendJob(trx, ctx, expected, events);
      const last = recorded[recorded.length - 1];
      if (o.bookmark && last) await moveBookmark(trx, ctx, o.bookmark, last);
      if (o.release) await releaseLease(trx, ctx.lease, o.release);
      return {
        ok: true as const,
        version: recorded[recorded.length - 1]?.streamPosition ?? expected,
        events: recorded,
      };
    },
    o.progress,
  );

const TERMINAL_TYPES = ['SyncJobCompleted', 'SyncJobFailed', 'SyncJobCancelled'];

/** Whether the scope stream already closed the job (completed, failed or cancelled). */
export const closedOnScope = async (
  db: Executor<FetcherDb>,
  firmId: string,
  scope: SyncScope,
  jobId: string,
): Promise<boolean> => {
  const terminals = await readStream(db, streamIds.syncScope(firmId, scope), { types: TERMINAL_TYPES });
  return terminals.some(
    ({ data }) => typeof data === 'object' && data !== null && 'jobId' in data && data.jobId === jobId,
  );
};

export const isClosed = (db: Executor<FetcherDb>, ctx: Pick<JobContext, 'work' | 'scope'>): Promise<boolean> =>
  closedOnScope(db, ctx.work.firmId, ctx.scope, ctx.work.jobId);

/**
 * Closes the job: its last job-stream events (if any; else the job stream must still be at `expected`, checked
 * under a row lock) and the terminal event on the scope stream at the version read, in ONE transaction, and the
 * queue row marked done. A concurrent scope append (a bookmark reset) is retried; a cancel wins.
 */
export const closeJob = async (
  ctx: JobContext,
  expected: number,
  jobEvents: NewEvent[],
  terminal: NewEvent,
  lastError?: string,
): Promise<WriteResult> => {
  for (let attempt = 0; ; attempt++) {
    const r = await fenced(ctx, async (trx) => {
      const recorded = jobEvents.length > 0 ? await appendJob(trx, ctx, expected, jobEvents) : [];
      if (jobEvents.length === 0) {
        const version = await streamVersion(trx, streamIds.syncJob(ctx.work.jobId), { forUpdate: true });
        if (version !== expected) throw new Refused('conflict');
      }
      if (await isClosed(trx, ctx)) throw new Refused('closed');
      const scopeStream = streamIds.syncScope(ctx.work.firmId, ctx.scope);
      const scopeVersion = await streamVersion(trx, scopeStream);
      const t = await appendToStream(trx, scopeStream, 'sync_scope', scopeVersion === 0 ? 'no_stream' : scopeVersion, [
        terminal,
      ]);
      if (!t.ok) throw new Refused('conflict');
      await settleLease(trx, ctx.lease, 'done', lastError);
      return {
        ok: true as const,
        version: recorded[recorded.length - 1]?.streamPosition ?? expected,
        events: recorded,
      };
    });
    // A scope conflict with the job stream unchanged is someone else's scope event: read again and retry.
    if (r.ok || r.reason !== 'conflict' || attempt >= 2) return r;
  }
};
