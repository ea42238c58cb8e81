import { sql } from 'kysely';
import { LogPosition } from '@sf/event-store';
import { createTestDatabase, waitFor, type TestDatabase } from '@sf/testing';
import { matterSyncStateProjection } from '../matter-sync-state/matter-sync-state.projection';
import { syncReadModelProjections as allProjections } from '../projections';
import { appendInterleaved, steppingClock, tailOf } from '../test-support/history';
import { mixedHistory } from '../test-support/mixed-history';
import { catchUp, isCaughtUp, rebuildProjection, startProjectionRunner, type AppliedBatch } from '@sf/projections';
import type { EventStoreTables } from '@sf/event-store';
import type { ProjectionsTables } from '@sf/projections';
import type { SyncReadModelTables } from '../projections';

const snapshot = async (t: TestDatabase<EventStoreTables & ProjectionsTables & SyncReadModelTables>) => ({
  matters: (await sql`select * from matter_sync_state order by firm_id, matter_id`.execute(t.db)).rows,
  jobs: (await sql`select * from job_snapshots order by job_id`.execute(t.db)).rows,
});

const iso = (s: string) => new Date(s);

describe('projection runner (real Postgres)', () => {
  let t: TestDatabase<EventStoreTables & ProjectionsTables & SyncReadModelTables>;
  beforeEach(async () => {
    t = await createTestDatabase({ max: 8 });
  });
  afterEach(() => t.drop());

  it('projects a mixed history of sync and processing jobs into both read models', async () => {
    const until = tailOf(await appendInterleaved(t.db, mixedHistory('h1')));
    const runner = startProjectionRunner(t.db, allProjections, { batchSize: 7 });
    try {
      await runner.whenCaughtUp({ until });
    } finally {
      await runner.stop();
    }
    const matters = await t.db
      .selectFrom('matter_sync_state')
      .select([
        'firm_id',
        'matter_id',
        'state',
        'active_job_id',
        'last_synced_at',
        'last_error',
        'last_error_code',
        'progress_current',
        'progress_total',
        'blocked_until',
        'updated_at',
      ])
      .orderBy('firm_id')
      .orderBy('matter_id')
      .execute();
    expect(matters).toEqual([
      {
        firm_id: 'firm-a-h1',
        matter_id: 'm1',
        state: 'idle',
        active_job_id: null,
        last_synced_at: iso('2026-11-23T09:00:07Z'),
        last_error: null,
        last_error_code: null,
        progress_current: 13,
        progress_total: 13,
        blocked_until: null,
        updated_at: iso('2026-11-23T09:00:07Z'),
      },
      {
        firm_id: 'firm-a-h1',
        matter_id: 'm2',
        state: 'error',
        active_job_id: null,
        last_synced_at: null,
        last_error: 'Clio did not answer; the sync will be retried.',
        last_error_code: 'CLIO_UNAVAILABLE',
        progress_current: 50,
        progress_total: null,
        blocked_until: null,
        updated_at: iso('2026-11-23T09:00:13Z'),
      },
      {
        firm_id: 'firm-a-h1',
        matter_id: 'm3',
        state: 'idle',
        active_job_id: null,
        last_synced_at: null,
        last_error: null,
        last_error_code: null,
        progress_current: 0,
        progress_total: null,
        blocked_until: null,
        updated_at: iso('2026-11-23T09:00:15Z'),
      },
      {
        firm_id: 'firm-b-h1',
        matter_id: 'm1',
        state: 'syncing',
        active_job_id: 'h1-s4',
        last_synced_at: null,
        last_error: null,
        last_error_code: null,
        progress_current: 25,
        progress_total: 40,
        blocked_until: null,
        updated_at: iso('2026-11-23T09:00:22Z'),
      },
    ]);
    const jobs = await t.db
      .selectFrom('job_snapshots')
      .select([
        'job_id',
        'firm_id',
        'matter_id',
        'folder_id',
        'document_ids',
        'status',
        'total',
        'processed',
        'skipped',
        'failed',
        'created_at',
        'updated_at',
      ])
      .orderBy('job_id')
      .execute();
    expect(jobs).toEqual([
      {
        job_id: 'h1-p1',
        firm_id: 'firm-a-h1',
        matter_id: 'm1',
        folder_id: 'f1',
        document_ids: ['d1', 'd2', 'd3', 'd4', 'd5'],
        status: 'completed',
        total: 5,
        processed: 3,
        skipped: 1,
        failed: 1,
        created_at: iso('2026-11-23T09:00:23Z'),
        updated_at: iso('2026-11-23T09:00:29Z'),
      },
      {
        job_id: 'h1-p2',
        firm_id: 'firm-b-h1',
        matter_id: 'm1',
        folder_id: null,
        document_ids: ['x1', 'x2'],
        status: 'cancelled',
        total: 2,
        processed: 1,
        skipped: 0,
        failed: 0,
        created_at: iso('2026-11-23T09:00:30Z'),
        updated_at: iso('2026-11-23T09:00:32Z'),
      },
    ]);
  });

  it('shows a blocked sync while it is blocked, with the instant it may resume', async () => {
    const [, s2] = mixedHistory('h2');
    const until = tailOf(await appendInterleaved(t.db, [{ ...s2!, events: s2!.events.slice(0, 3) }]));
    await catchUp(t.db, matterSyncStateProjection, { until });
    const row = await t.db
      .selectFrom('matter_sync_state')
      .select(['state', 'blocked_until', 'active_job_id'])
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ state: 'blocked', blocked_until: iso('2026-11-23T09:30:00Z'), active_job_id: 'h2-s2' });
  });

  it('replaying the whole log over existing rows changes nothing (no double counts)', async () => {
    const until = tailOf(await appendInterleaved(t.db, mixedHistory('h3')));
    for (const p of allProjections) await catchUp(t.db, p, { batchSize: 5, until });
    const before = await snapshot(t);
    await t.db.deleteFrom('es_checkpoints').execute();
    for (const p of allProjections) expect(await catchUp(t.db, p, { batchSize: 4, until })).toBe(32);
    expect(await snapshot(t)).toEqual(before);
  });

  it('a rebuild of each read model equals the live one, whatever the batch boundaries of the live run', async () => {
    const clock = steppingClock();
    let until = LogPosition.start;
    const runner = startProjectionRunner(t.db, allProjections, { batchSize: 3, idleMs: 5 });
    try {
      await runner.whenCaughtUp({ until: tailOf(await appendInterleaved(t.db, mixedHistory('h4a', clock))) });
      until = tailOf(await appendInterleaved(t.db, mixedHistory('h4b', clock)));
      await runner.whenCaughtUp({ until });
    } finally {
      await runner.stop();
    }
    const live = await snapshot(t);
    expect(live.matters.length).toBe(8);
    expect(live.jobs.length).toBe(4);
    for (const p of allProjections) {
      const { events } = await rebuildProjection(t.db, p, { batchSize: 1000, until });
      expect(events).toBe(64);
    }
    expect(await snapshot(t)).toEqual(live);
  });

  it('two runners at once apply every event exactly once and agree with a rebuild', async () => {
    const seen: AppliedBatch[] = [];
    let until = LogPosition.start;
    const opts = { batchSize: 3, idleMs: 2, busyMs: 2, onBatch: (b: AppliedBatch) => seen.push(b) };
    const runners = [
      startProjectionRunner(t.db, allProjections, opts),
      startProjectionRunner(t.db, allProjections, opts),
    ];
    try {
      const clock = steppingClock();
      const recorded = await Promise.all(
        ['h5a', 'h5b', 'h5c'].map((tag) => appendInterleaved(t.db, mixedHistory(tag, clock))),
      );
      until = tailOf(recorded.flat());
      await runners[0]!.whenCaughtUp({ until });
    } finally {
      await Promise.all(runners.map((r) => r.stop()));
    }
    const { n } = await t.db
      .selectFrom('es_events')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    for (const p of allProjections) {
      const ids = seen.filter((b) => b.projection === p.name).flatMap((b) => b.events.map((e) => e.eventId));
      expect(ids.length).toBe(Number(n));
      expect(new Set(ids).size).toBe(ids.length);
    }
    const live = await snapshot(t);
    for (const p of allProjections) await rebuildProjection(t.db, p, { until });
    expect(await snapshot(t)).toEqual(live);
  });

  it('rebuilds a read model at start when its projection version changed', async () => {
    const until = tailOf(await appendInterleaved(t.db, mixedHistory('h6')));
    await catchUp(t.db, matterSyncStateProjection, { until });
    await t.db
      .insertInto('read_model_versions')
      .values({ projection: 'matter_sync_state', version: 1, reset_at: new Date() })
      .onConflict((oc) => oc.column('projection').doNothing())
      .execute();
    const before = await snapshot(t);
    await t.db.updateTable('matter_sync_state').set({ progress_current: 999 }).execute(); // rows of the "old code"
    const resets: string[] = [];
    const v2 = { ...matterSyncStateProjection, version: 2 };
    const runner = startProjectionRunner(t.db, [v2], { onReset: (name) => resets.push(name) });
    try {
      await waitFor(
        () => resets.length,
        (n) => n === 1,
      );
      await runner.whenCaughtUp({ until });
    } finally {
      await runner.stop();
    }
    expect(resets).toEqual(['matter_sync_state']);
    expect((await snapshot(t)).matters).toEqual(before.matters);
    expect(await isCaughtUp(t.db, v2, until)).toBe(true);
    const { version } = await t.db
      .selectFrom('read_model_versions')
      .select('version')
      .where('projection', '=', 'matter_sync_state')
      .executeTakeFirstOrThrow();
    expect(version).toBe(2);
  });
});
