import { LogPosition } from '@sf/event-store';
import { Disposition, type MessageHandler } from '@sf/messaging';
import { SyncScope } from '@sf/sync-jobs';
import { Requeue, WorkStatus, type ControlKind } from '@sf/work-queue';
import { scopeKeyOf } from '../domain/job-plan';
import { closedOnScope } from '../job/job-writer';
import { syncJobQueue } from '../work/sync-job-queue';
import type { FetcherDb } from '../schema/fetcher-schema';

// Plain consumer handlers: each runs inside the consumer's transaction (its inbox row included) and only records
// work; jobs run minutes or hours, so they never run here.

/** `SyncRequested` → a ready row in the work queue (cancelled at once if its scope already closed the job). */
export const onSyncRequested: MessageHandler<FetcherDb> = async (e, trx) => {
  if (e.type !== 'SyncRequested') return Disposition.dead('not a SyncRequested');
  const d = e.data;
  const scope = SyncScope.of(d.scope);
  const closed = await closedOnScope(trx, e.metadata.firmId, scope, d.jobId);
  await syncJobQueue.enqueue(
    trx,
    {
      jobId: d.jobId,
      firmId: e.metadata.firmId,
      correlationId: e.metadata.correlationId,
      requestedAt: e.metadata.occurredAt,
      status: closed ? WorkStatus.cancelled : WorkStatus.ready,
      payload: {
        scope: d.scope,
        entityTypes: d.entityTypes ?? null,
        trigger: d.trigger,
        requestEventId: e.eventId,
        fullListing: d.fullListing === true,
        phased: d.phased === true,
        recentSince: d.recentSince ?? null,
      },
    },
    Requeue.reclaim,
  );
  return Disposition.ack;
};

const control =
  (type: 'SyncJobCancelled' | 'SyncJobPaused' | 'SyncJobResumed', kind: ControlKind): MessageHandler<FetcherDb> =>
  async (e, trx) => {
    if (e.type !== type) return Disposition.dead(`not a ${type}`);
    await syncJobQueue.control(trx, e.data.jobId, kind, LogPosition.of(e));
    return Disposition.ack;
  };

/** Cancelled jobs leave the queue; the worker holding one finds out at its next append (the scope is closed). */
export const onSyncJobCancelled: MessageHandler<FetcherDb> = control('SyncJobCancelled', 'cancel');
/** A paused job is not claimed until it is resumed; its holder's next append conflicts and it stops. */
export const onSyncJobPaused: MessageHandler<FetcherDb> = control('SyncJobPaused', 'pause');
/** A resumed paused job is claimable at once (the fetcher's own resumes leave a ready job alone). */
export const onSyncJobResumed: MessageHandler<FetcherDb> = control('SyncJobResumed', 'resume');

/** Forgets the scope's bookmarks set before the reset: its next sync lists everything in full. */
export const onSyncBookmarksReset: MessageHandler<FetcherDb> = async (e, trx) => {
  if (e.type !== 'SyncBookmarksReset') return Disposition.dead('not a SyncBookmarksReset');
  const d = e.data;
  const at = LogPosition.of(e);
  await trx
    .deleteFrom('sync_bookmarks')
    .where('firm_id', '=', e.metadata.firmId)
    .where('scope_key', '=', scopeKeyOf(SyncScope.of(d.scope)))
    .where((eb) =>
      eb(eb.refTuple('set_tx_id', 'set_global_position'), '<', eb.tuple(at.txId.toString(), at.position.toString())),
    )
    .execute();
  return Disposition.ack;
};
