import type { EventData, RecordedEvent } from '@sf/contracts';
import { LogPosition } from '@sf/event-store';
import { Disposition, type MessageHandler } from '@sf/messaging';
import { scopeKeyOf, scopeOf } from '../job/job-plan';
import { closedOnScope } from '../job/job-writer';
import { applyControl, enqueueWork, WorkStatus, type ControlKind } from '../work/work-queue';

// Plain consumer handlers: each runs inside the consumer's transaction (its inbox row included) and only records
// work; jobs run minutes or hours, so they never run here.

const dataOf = <K extends 'SyncRequested' | 'SyncJobCancelled' | 'SyncJobPaused' | 'SyncJobResumed' | 'SyncBookmarksReset'>(
  e: RecordedEvent, type: K,
): EventData<K> | null => (e.type === type ? (e.data as EventData<K>) : null);

/** `SyncRequested` → a ready row in the work queue (cancelled at once if its scope already closed the job). */
export const onSyncRequested: MessageHandler = async (e, trx) => {
  const d = dataOf(e, 'SyncRequested');
  if (!d) return Disposition.dead('not a SyncRequested');
  const scope = scopeOf(d.scope);
  const closed = await closedOnScope(trx, e.metadata.firmId, scope, d.jobId);
  await enqueueWork(trx, {
    jobId: d.jobId, firmId: e.metadata.firmId, scope: d.scope, entityTypes: d.entityTypes ?? null, trigger: d.trigger,
    status: closed ? WorkStatus.cancelled : WorkStatus.ready, requestedAt: e.metadata.occurredAt,
    correlationId: e.metadata.correlationId, requestEventId: e.eventId,
  });
  return Disposition.ack;
};

const control = (type: 'SyncJobCancelled' | 'SyncJobPaused' | 'SyncJobResumed', kind: ControlKind): MessageHandler =>
  async (e, trx) => {
    const d = dataOf(e, type);
    if (!d) return Disposition.dead(`not a ${type}`);
    await applyControl(trx, d.jobId, kind, LogPosition.of(e));
    return Disposition.ack;
  };

/** Cancelled jobs leave the queue; the worker holding one finds out at its next append (the scope is closed). */
export const onSyncJobCancelled: MessageHandler = control('SyncJobCancelled', 'cancel');
/** A paused job is not claimed until it is resumed; its holder's next append conflicts and it stops. */
export const onSyncJobPaused: MessageHandler = control('SyncJobPaused', 'pause');
/** A resumed paused job is claimable at once (the fetcher's own resumes leave a ready job alone). */
export const onSyncJobResumed: MessageHandler = control('SyncJobResumed', 'resume');

/** Forgets the scope's bookmarks set before the reset: its next sync lists everything in full. */
export const onSyncBookmarksReset: MessageHandler = async (e, trx) => {
  const d = dataOf(e, 'SyncBookmarksReset');
  if (!d) return Disposition.dead('not a SyncBookmarksReset');
  const at = LogPosition.of(e);
  await trx.deleteFrom('sync_bookmarks')
    .where('firm_id', '=', e.metadata.firmId).where('scope_key', '=', scopeKeyOf(scopeOf(d.scope)))
    .where((eb) => eb(eb.refTuple('set_tx_id', 'set_global_position'), '<', eb.tuple(at.txId.toString(), at.position.toString())))
    .execute();
  return Disposition.ack;
};
