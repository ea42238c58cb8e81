import { randomUUID } from 'node:crypto';
import { ROOT_CONTEXT } from '@opentelemetry/api';
import {
  newEvent,
  readLoggedEvent,
  streamIds,
  type CurrentEventData,
  type EventType,
  type RecordedEvent,
} from '@sf/contracts';
import { appendToStream } from '@sf/event-store';
import type { MessageContext, MessageHandler } from '@sf/messaging';
import { createTestDatabase, type TestDatabase } from '@sf/testing';
import { readSyncWork } from '../work/sync-job-queue';
import { onSyncBookmarksReset, onSyncJobCancelled, onSyncRequested } from './intake-handlers';
import type { FetcherDb } from '../schema/fetcher-schema';

const FIRM = 'firm-intake';
const ctx: MessageContext = {
  consumer: 'clio-fetcher',
  subject: 's',
  streamSequence: 1,
  deliveryCount: 1,
  trace: undefined,
  otel: ROOT_CONTEXT,
};

describe('intake handlers (real Postgres)', () => {
  let t: TestDatabase<FetcherDb>;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  /** Appends a real event (as the orchestrator would) and returns it as recorded, positions included. */
  const append = async <K extends EventType>(
    stream: string,
    streamType: string,
    type: K,
    data: CurrentEventData[K],
  ): Promise<RecordedEvent> => {
    const e = newEvent({
      eventId: randomUUID(),
      type,
      data,
      metadata: { firmId: FIRM, correlationId: 'c', causationId: null, occurredAt: new Date().toISOString() },
    });
    if (!e.ok) throw new Error(e.reason);
    const r = await appendToStream(t.db, stream, streamType, 'any', [e.value]);
    if (!r.ok) throw new Error(r.reason);
    return r.events[0]!;
  };
  const handle = (h: MessageHandler<FetcherDb>, e: RecordedEvent) =>
    t.db.transaction().execute((trx) => h(readLoggedEvent(e), trx, ctx));
  const scopeStream = (matterId: string) => streamIds.syncScope(FIRM, { kind: 'matter', matterId });

  it('queues a requested job as ready, and as cancelled when its scope already closed it', async () => {
    const jobId = randomUUID();
    const requested = await append(scopeStream('1'), 'sync_scope', 'SyncRequested', {
      jobId,
      scope: { kind: 'matter', matterId: '1' },
      trigger: 'manual',
      entityTypes: ['documents'],
    });
    expect(await handle(onSyncRequested, requested)).toEqual({ kind: 'ack' });
    expect(await readSyncWork(t.db, jobId)).toMatchObject({
      status: 'ready',
      firmId: FIRM,
      entityTypes: ['documents'],
      scope: { kind: 'matter', matterId: '1' },
      requestEventId: requested.eventId,
    });

    const late = randomUUID();
    const req2 = await append(scopeStream('2'), 'sync_scope', 'SyncRequested', {
      jobId: late,
      scope: { kind: 'matter', matterId: '2' },
      trigger: 'manual',
    });
    const cancel = await append(scopeStream('2'), 'sync_scope', 'SyncJobCancelled', {
      jobId: late,
      scope: { kind: 'matter', matterId: '2' },
      reason: 'Stopped by user',
    });
    expect(await handle(onSyncJobCancelled, cancel)).toEqual({ kind: 'ack' }); // arrives first: nothing to cancel yet
    await handle(onSyncRequested, req2);
    expect((await readSyncWork(t.db, late))!.status).toBe('cancelled');
  });

  it('dead-letters an event of the wrong type rather than guess', async () => {
    const e = await append(streamIds.syncJob('x'), 'sync_job', 'SyncJobResumed', { jobId: 'x' });
    expect((await handle(onSyncRequested, e)).kind).toBe('dead');
  });

  it('forgets the bookmarks a reset supersedes, not ones set after it', async () => {
    const reset = await append(streamIds.syncScope(FIRM, { kind: 'firm' }), 'sync_scope', 'SyncBookmarksReset', {
      jobId: 'j',
      scope: { kind: 'firm' },
    });
    const tx = BigInt(reset.transactionId);
    await t.db
      .insertInto('sync_bookmarks')
      .values([
        {
          firm_id: FIRM,
          scope_key: 'firm',
          entity_type: 'matters',
          updated_since: new Date(),
          job_id: 'old',
          set_tx_id: (tx - 1n).toString(),
          set_global_position: '1',
        },
        {
          firm_id: FIRM,
          scope_key: 'firm',
          entity_type: 'tasks',
          updated_since: new Date(),
          job_id: 'new',
          set_tx_id: (tx + 1n).toString(),
          set_global_position: '1',
        },
        {
          firm_id: FIRM,
          scope_key: 'matter-9',
          entity_type: 'documents',
          updated_since: new Date(),
          job_id: 'other',
          set_tx_id: '1',
          set_global_position: '1',
        },
      ])
      .execute();
    await handle(onSyncBookmarksReset, reset);
    const left = await t.db
      .selectFrom('sync_bookmarks')
      .select(['scope_key', 'entity_type'])
      .where('firm_id', '=', FIRM)
      .orderBy('entity_type')
      .execute();
    expect(left).toEqual([
      { scope_key: 'matter-9', entity_type: 'documents' },
      { scope_key: 'firm', entity_type: 'tasks' },
    ]);
  });
});
