import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import pino from 'pino';
import { metricsText } from '@sf/metrics';
import { createTestDatabase, uniqueName, waitFor, type TestDatabase } from '@sf/testing';
import { WorkStatus } from './work-item';
import { workQueue } from './work-queue';
import { startWorkerPool, WorkEnd } from './worker-pool';
import { pruneFinishedWork } from './work-retention';
import type { WorkQueueTables } from './schema/work-queue.tables';

const DAY_MS = 24 * 60 * 60_000;

describe('work retention: finished rows leave the queue after their horizon', () => {
  let t: TestDatabase<WorkQueueTables>;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  /** `n` rows of `queue` in `status`, last changed `daysAgo` before the database's now. */
  const rows = async (queue: string, status: WorkStatus, daysAgo: number, n = 1): Promise<string[]> => {
    const ids = Array.from({ length: n }, () => randomUUID());
    for (const id of ids)
      await sql`
        insert into work_queue (queue, job_id, firm_id, correlation_id, status, requested_at, updated_at)
        values (${queue}, ${id}, 'f', 'c', ${status}, now() - make_interval(days => ${daysAgo + 1}),
                now() - make_interval(days => ${daysAgo}))`.execute(t.db);
    return ids;
  };
  const idsOf = async (queue: string): Promise<string[]> =>
    (await t.db.selectFrom('work_queue').select('job_id').where('queue', '=', queue).execute())
      .map((r) => r.job_id)
      .sort();

  it('deletes only done and cancelled rows of the queue past the horizon, a batch at a time, and counts them', async () => {
    const queue = uniqueName('retain');
    const other = uniqueName('other');
    await rows(queue, WorkStatus.done, 40, 3);
    await rows(queue, WorkStatus.cancelled, 32, 2);
    const kept = [
      ...(await rows(queue, WorkStatus.done, 5)),
      ...(await rows(queue, WorkStatus.cancelled, 30)),
      // However old, a job still to run stays.
      ...(await rows(queue, WorkStatus.ready, 400)),
      ...(await rows(queue, WorkStatus.paused, 400)),
    ];
    const othersOld = await rows(other, WorkStatus.done, 40, 2);

    // Batches of 2: five old rows take three statements, the last one short.
    expect(await pruneFinishedWork(t.db, queue, 31 * DAY_MS, 2)).toBe(5);

    expect(await idsOf(queue)).toEqual(kept.sort());
    expect(await idsOf(other)).toEqual(othersOld.sort());
    expect((await metricsText()).body).toContain(`sf_work_queue_pruned_rows_total{queue="${queue}"} 5`);
    expect(await pruneFinishedWork(t.db, queue, 31 * DAY_MS, 2)).toBe(0);
  });

  it('a pruned job requested again is queued anew: what keeps it from running twice is upstream (inbox, scope)', async () => {
    const q = workQueue(uniqueName('again'), () => ({}));
    const [id] = await rows(q.name, WorkStatus.done, 40);
    await pruneFinishedWork(t.db, q.name, 31 * DAY_MS);
    expect(await q.read(t.db, id!)).toBeUndefined();
    await q.enqueue(t.db, {
      jobId: id!,
      firmId: 'f',
      correlationId: 'c',
      requestedAt: new Date().toISOString(),
      payload: {},
      status: WorkStatus.cancelled,
    });
    expect(await q.read(t.db, id!)).toMatchObject({ status: WorkStatus.cancelled });
  });

  it('refuses a horizon that would prune everything', async () => {
    await expect(pruneFinishedWork(t.db, 'any', 0)).rejects.toThrow('work retention must be positive, got 0');
  });

  it("every worker pool prunes its own queue's finished rows at start and then periodically", async () => {
    const q = workQueue(uniqueName('pool'), () => ({}));
    const other = uniqueName('untouched');
    await rows(q.name, WorkStatus.done, 40, 2);
    const othersOld = await rows(other, WorkStatus.done, 40);
    const pool = startWorkerPool({
      db: t.db,
      queue: q,
      settings: { workerId: 'w', leaseMs: 1_000, renewEveryMs: 300, pollMs: 20 },
      slots: 1,
      log: pino({ level: 'silent' }),
      run: () => Promise.resolve(WorkEnd.ended),
      retention: { horizonMs: 31 * DAY_MS, everyMs: 50 },
    });
    try {
      await waitFor(
        () => idsOf(q.name),
        (ids) => ids.length === 0,
      );
      // A row that ages past the horizon while the pool runs goes at a later pass.
      await rows(q.name, WorkStatus.cancelled, 35);
      await waitFor(
        () => idsOf(q.name),
        (ids) => ids.length === 0,
      );
    } finally {
      await pool.stop();
    }
    expect(await idsOf(other)).toEqual(othersOld);
  });
});
