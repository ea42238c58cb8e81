import { Migrator, sql, type Kysely } from 'kysely';
import type { Database } from '../database';
import { createTestDatabase, type TestDatabase } from '@sf/testing';
import { migrations } from './index';

const migrator = (db: Kysely<Database>) => new Migrator({ db, provider: { getMigrations: async () => migrations } });

describe('migration 2026-12-02T01-work-queue (real Postgres)', () => {
  let t: TestDatabase;
  beforeAll(async () => { t = await createTestDatabase({ migrate: false }); });
  afterAll(() => t.drop());

  it('carries the rows of both old queues over, and back on the way down', async () => {
    const db = t.db;
    expect((await migrator(db).migrateTo('2026-11-23T11-document-processor')).error).toBeUndefined();
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

    expect((await migrator(db).migrateToLatest()).error).toBeUndefined();
    const rows = await t.db.selectFrom('work_queue').selectAll().orderBy('job_id').execute();
    expect(rows.map((r) => [r.queue, r.job_id, r.status, r.owner, r.attempts, r.generation, r.correlation_id, r.payload])).toEqual([
      ['processing-jobs', 'p1', 'ready', null, 0, 0, 'c3', {}],
      ['sync-jobs', 's1', 'paused', null, 2, 0, 'c1',
        { scope: { kind: 'matter', matterId: '7' }, entityTypes: ['documents'], trigger: 'manual', requestEventId: '00000000-0000-4000-8000-000000000001' }],
      ['sync-jobs', 's2', 'ready', 'w1', 0, 0, 'c2',
        { scope: { kind: 'firm' }, entityTypes: null, trigger: 'first_login', requestEventId: '00000000-0000-4000-8000-000000000002' }],
    ]);
    expect(rows[1]).toMatchObject({ control_tx_id: '10', control_global_position: '100' });

    expect((await migrator(db).migrateTo('2026-11-23T11-document-processor')).error).toBeUndefined();
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
