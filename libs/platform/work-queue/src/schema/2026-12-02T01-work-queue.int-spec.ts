import { Migrator, sql, type Kysely } from 'kysely';
import { migrateToLatest, type MigrationSet } from '@sf/db';
import { createTestDatabase, type TestDatabase } from '@sf/testing';
import { workQueueMigrations } from './work-queue-migrations';
import type { WorkQueueTables } from './work-queue.tables';

// The old queues as the fetcher's and the processor's sets created them, frozen here (libs may not import services).
const oldQueues: MigrationSet = {
  owner: 'old_queues',
  migrations: {
    '2026-11-23T07-fetcher': {
      up: async (db) => {
        await sql`
          create table sync_job_work (
            job_id text primary key, firm_id text not null, scope jsonb not null, entity_types jsonb, trigger text not null,
            status text not null check (status in ('ready', 'paused', 'done', 'cancelled')), owner text, lease_until timestamptz,
            attempts integer not null default 0, last_error text, requested_at timestamptz not null, correlation_id text not null,
            request_event_id uuid not null, control_tx_id bigint, control_global_position bigint,
            updated_at timestamptz not null default now()
          )`.execute(db);
        await sql`
          create table processing_job_work (
            job_id text primary key, firm_id text not null, status text not null check (status in ('ready', 'done', 'cancelled')),
            owner text, lease_until timestamptz, requested_at timestamptz not null, correlation_id text not null,
            updated_at timestamptz not null default now()
          )`.execute(db);
      },
    },
  },
};

const migrator = <DB>(db: Kysely<DB>) =>
  new Migrator({
    db,
    provider: { getMigrations: async () => workQueueMigrations.migrations },
    migrationTableName: 'sf_migrations_work_queue',
    migrationLockTableName: 'sf_migration_lock',
  });

describe('migration 2026-12-02T01-work-queue (real Postgres)', () => {
  let t: TestDatabase<WorkQueueTables>;
  beforeAll(async () => {
    t = await createTestDatabase({ migrate: false });
  });
  afterAll(() => t.drop());

  it('creates the queue on a database that never had the old ones', async () => {
    const fresh = await createTestDatabase<WorkQueueTables>({ migrate: false });
    try {
      await migrateToLatest(fresh.db, [workQueueMigrations]);
      expect(await fresh.db.selectFrom('work_queue').selectAll().execute()).toEqual([]);
    } finally {
      await fresh.drop();
    }
  });

  it('carries the rows of both old queues over, and back on the way down', async () => {
    const db = t.db;
    await migrateToLatest(db, [oldQueues]);
    await sql`
      insert into sync_job_work (job_id, firm_id, scope, entity_types, trigger, status, owner, lease_until, attempts, requested_at,
        correlation_id, request_event_id, control_tx_id, control_global_position)
      values ('s1', 'f', '{"kind":"matter","matterId":"7"}', '["documents"]', 'manual', 'paused', null, null, 2, now(), 'c1',
        '00000000-0000-4000-8000-000000000001', 10, 100),
        ('s2', 'f', '{"kind":"firm"}', null, 'first_login', 'ready', 'w1', now() + interval '1 minute', 0, now(), 'c2',
        '00000000-0000-4000-8000-000000000002', null, null)`.execute(db);
    await sql`
      insert into processing_job_work (job_id, firm_id, status, owner, lease_until, requested_at, correlation_id)
      values ('p1', 'f', 'ready', null, null, now(), 'c3')`.execute(db);

    expect((await migrator(db).migrateTo('2026-12-02T01-work-queue')).error).toBeUndefined();
    const rows = await t.db.selectFrom('work_queue').selectAll().orderBy('job_id').execute();
    expect(
      rows.map((r) => [r.queue, r.job_id, r.status, r.owner, r.attempts, r.generation, r.correlation_id, r.payload]),
    ).toEqual([
      ['processing-jobs', 'p1', 'ready', null, 0, 0, 'c3', {}],
      [
        'sync-jobs',
        's1',
        'paused',
        null,
        2,
        0,
        'c1',
        {
          scope: { kind: 'matter', matterId: '7' },
          entityTypes: ['documents'],
          trigger: 'manual',
          requestEventId: '00000000-0000-4000-8000-000000000001',
        },
      ],
      [
        'sync-jobs',
        's2',
        'ready',
        'w1',
        0,
        0,
        'c2',
        {
          scope: { kind: 'firm' },
          entityTypes: null,
          trigger: 'first_login',
          requestEventId: '00000000-0000-4000-8000-000000000002',
        },
      ],
    ]);
    expect(rows[1]).toMatchObject({ control_tx_id: '10', control_global_position: '100' });

    expect((await migrator(db).migrateDown()).error).toBeUndefined();
    const back = await sql<{ job_id: string; scope: unknown; entity_types: unknown; status: string }>`
      select job_id, scope, entity_types, status from sync_job_work order by job_id`.execute(db);
    expect(back.rows).toEqual([
      { job_id: 's1', scope: { kind: 'matter', matterId: '7' }, entity_types: ['documents'], status: 'paused' },
      { job_id: 's2', scope: { kind: 'firm' }, entity_types: null, status: 'ready' },
    ]);
    const processing = await sql<{ job_id: string }>`select job_id from processing_job_work`.execute(db);
    expect(processing.rows).toEqual([{ job_id: 'p1' }]);
  });
});
