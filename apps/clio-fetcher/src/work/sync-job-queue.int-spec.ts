import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '@sf/testing';
import { Requeue, type NewWork } from '@sf/work-queue';
import { readSyncWork, syncJobQueue, type SyncJobPayload } from './sync-job-queue';
import type { FetcherDb } from '../schema/fetcher-schema';

// The queue itself (claims, leases, fencing, controls) is tested in @sf/work-queue; here, the fetcher's use of it.
const work = (payload: Partial<SyncJobPayload> = {}): NewWork<SyncJobPayload> => ({
  jobId: randomUUID(),
  firmId: 'firm-1',
  correlationId: 'c',
  requestedAt: new Date().toISOString(),
  payload: {
    scope: { kind: 'firm' },
    entityTypes: null,
    trigger: 'manual',
    requestEventId: randomUUID(),
    fullListing: false,
    phased: false,
    recentSince: null,
    ...payload,
  },
});

describe('sync-jobs queue (real Postgres)', () => {
  let t: TestDatabase<FetcherDb>;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());
  beforeEach(() => t.db.deleteFrom('work_queue').where('queue', '=', syncJobQueue.name).execute());

  it('reads back what a SyncRequested queued, scope and entity types included', async () => {
    const w = work({
      scope: { kind: 'matter', matterId: '7' },
      entityTypes: ['folders', 'documents'],
      trigger: 'first_login',
    });
    await syncJobQueue.enqueue(t.db, w, Requeue.reclaim);
    expect(await readSyncWork(t.db, w.jobId)).toEqual({
      queue: 'sync-jobs',
      jobId: w.jobId,
      firmId: 'firm-1',
      correlationId: 'c',
      status: 'ready',
      owner: null,
      attempts: 0,
      ...w.payload,
    });
    const claimed = await syncJobQueue.claim(t.db, 'w1', 60_000);
    expect(claimed!.item.payload).toEqual(w.payload);
  });

  it('restarts a ready job requested again (its holder loses the lease) and leaves finished jobs alone', async () => {
    const w = work();
    await syncJobQueue.enqueue(t.db, w, Requeue.reclaim);
    await syncJobQueue.claim(t.db, 'w1', 60_000);
    await syncJobQueue.enqueue(
      t.db,
      { ...w, payload: { ...w.payload, requestEventId: randomUUID() } },
      Requeue.reclaim,
    );
    expect(await readSyncWork(t.db, w.jobId)).toMatchObject({
      status: 'ready',
      owner: null,
      requestEventId: w.payload.requestEventId,
    });
    await syncJobQueue.control(t.db, w.jobId, 'cancel', { txId: 1n, position: 1n });
    await syncJobQueue.enqueue(t.db, w, Requeue.reclaim);
    expect(await readSyncWork(t.db, w.jobId)).toMatchObject({ status: 'cancelled' });
  });

  it('refuses to hand out a row whose payload it cannot read', async () => {
    const w = work();
    await syncJobQueue.enqueue(t.db, w);
    await sql`update work_queue set payload = '{"scope": 1}'::jsonb where job_id = ${w.jobId}`.execute(t.db);
    await expect(readSyncWork(t.db, w.jobId)).rejects.toThrow('malformed payload');
  });
});
