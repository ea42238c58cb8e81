import { sql } from 'kysely';
import type { EventData, RecordedEvent } from '@sf/contracts';
import { LogPosition } from '@sf/event-store';
import { Disposition, type MessageHandler } from '@sf/messaging';
import { Requeue, WorkStatus, type ControlKind } from '@sf/work-queue';
import { scopeKeyOf, scopeOf } from '../domain/job-plan';
import { closedOnScope } from '../job/job-writer';
import { syncJobQueue } from '../work/sync-job-queue';

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
  await syncJobQueue.enqueue(trx, {
    jobId: d.jobId, firmId: e.metadata.firmId, correlationId: e.metadata.correlationId, requestedAt: e.metadata.occurredAt,
    status: closed ? WorkStatus.cancelled : WorkStatus.ready,
    payload: { scope: d.scope, entityTypes: d.entityTypes ?? null, trigger: d.trigger, requestEventId: e.eventId },
  }, Requeue.reclaim);
  return Disposition.ack;
};

const control = (type: 'SyncJobCancelled' | 'SyncJobPaused' | 'SyncJobResumed', kind: ControlKind): MessageHandler =>
  async (e, trx) => {
    const d = dataOf(e, type);
    if (!d) return Disposition.dead(`not a ${type}`);
    await syncJobQueue.control(trx, d.jobId, kind, LogPosition.of(e));
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
  await sql`
    delete from sync_bookmarks where firm_id = ${e.metadata.firmId} and scope_key = ${scopeKeyOf(scopeOf(d.scope))}
      and (set_tx_id, set_global_position) < (${at.txId.toString()}::bigint, ${at.position.toString()}::bigint)`.execute(trx);
  return Disposition.ack;
};
