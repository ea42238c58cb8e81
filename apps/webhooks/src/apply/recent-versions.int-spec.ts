import { sql } from 'kysely';
import { contestedKey } from '@sf/clio-mirror';
import { createTestDatabase, type TestDatabase } from '@sf/testing';
import type { WebhooksDb } from '../schema/webhooks-schema';
import { pruneRecentVersions, recentVersionsOf, rememberVersions, type AppendedRecords } from './recent-versions';

const v = (id: number, etag: string, at: string) => ({ id, etag, updated_at: at });
const S1 = '2026-12-01T00:00:01+00:00';
const S2 = '2026-12-01T00:00:02+00:00';
const second = (at: string) => Date.parse(at) / 1000;

describe('recent versions: what any applier replica appended, in Postgres', () => {
  let t: TestDatabase<WebhooksDb>;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  const remember = (...appended: AppendedRecords[]) =>
    t.db.transaction().execute((trx) => rememberVersions(trx, appended));
  const of = (firmId: string, entityType: string, etag = '"x"') => ({
    firmId,
    entityType,
    records: [v(1, etag, S1)],
    createdIds: new Set<string>(),
  });
  const known = async (firmId: string, entityType: string, id = 1) =>
    (await recentVersionsOf(t.db, entityType, [{ firmId, record: { id } }])).get(contestedKey(firmId, String(id)));

  it('remembers the version per firm, entity type and id, and whether a created delivery carried it', async () => {
    await remember({ ...of('f1', 'matters', '"c"'), createdIds: new Set(['1']) });
    expect(await known('f1', 'matters')).toEqual({ second: second(S1), etag: '"c"', created: true });
    expect(await known('f2', 'matters')).toBeUndefined(); // another firm
    expect(await known('f1', 'contacts')).toBeUndefined(); // another entity type
    await remember(of('f1', 'matters', '"u"'));
    expect(await known('f1', 'matters')).toEqual({ second: second(S1), etag: '"u"', created: false });
  });

  it('never goes backwards: an older second, or a created version over another of its second, is not kept', async () => {
    await remember({ firmId: 'f1', entityType: 'tasks', records: [v(1, 'b', S2)], createdIds: new Set() });
    await remember({ firmId: 'f1', entityType: 'tasks', records: [v(1, 'a', S1)], createdIds: new Set() }); // late
    expect(await known('f1', 'tasks')).toMatchObject({ etag: 'b' });
    // The created delivery, late: its second is the held one, its etag another.
    await remember({ firmId: 'f1', entityType: 'tasks', records: [v(1, 'c', S2)], createdIds: new Set(['1']) });
    expect(await known('f1', 'tasks')).toEqual({ second: second(S2), etag: 'b', created: false });
    // The same version again, now known to be the created one.
    await remember({ firmId: 'f1', entityType: 'tasks', records: [v(1, 'b', S2)], createdIds: new Set(['1']) });
    expect(await known('f1', 'tasks')).toEqual({ second: second(S2), etag: 'b', created: true });
  });

  it('skips records without an id or an updated_at, and keeps a missing etag as null', async () => {
    await remember({
      firmId: 'f3',
      entityType: 'notes',
      records: [
        { etag: 'e', updated_at: S1 },
        { id: 2, etag: 'e' },
        { id: 3, updated_at: S1 },
      ],
      createdIds: new Set(),
    });
    const rows = await t.db.selectFrom('webhook_recent_versions').selectAll().where('firm_id', '=', 'f3').execute();
    expect(rows.map((r) => [r.record_id, r.etag])).toEqual([['3', null]]);
  });

  it('forgets versions appended longer ago than it keeps them', async () => {
    await remember(of('f4', 'tasks'), of('f5', 'tasks'));
    await sql`update webhook_recent_versions set appended_at = now() - interval '2 hours' where firm_id = 'f4'`.execute(
      t.db,
    );
    expect(await pruneRecentVersions(t.db)).toBe(1);
    expect(await known('f4', 'tasks')).toBeUndefined();
    expect(await known('f5', 'tasks')).toMatchObject({ etag: '"x"' });
  });
});
