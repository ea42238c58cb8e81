import { createTestDatabase, uniqueName, type TestDatabase } from '@sf/testing';
import { createClioClient } from './create-clio-client';
import { simTokenProvider, startSimHarness, T0, type SimHarness } from './testing/sim-harness';
import type { ClioClientOptions, ListRequest } from './types';
import type { ClioClientTables } from './schema/clio-rate-budget.tables';

const COUNTS = {
  users: 2,
  contacts: 40,
  matters: 25,
  calendar_entries: 1,
  tasks: 1,
  documents: 0,
  activities: 3,
  folders_per_matter: 0,
};
const CONTACTS: ListRequest = { resource: 'contacts', fields: ['id', 'etag', 'name'], limit: 10 };

describe('Clio client against what Clio never promised (simulator playing it)', () => {
  let h: SimHarness;
  let tdb: TestDatabase<ClioClientTables>;
  let userId: number;

  beforeAll(async () => {
    [h, tdb] = await Promise.all([
      startSimHarness({ seed: 11, counts: COUNTS }),
      createTestDatabase<ClioClientTables>(),
    ]);
    userId = h.sim.edge.issueToken().user_id;
  });
  afterAll(async () => {
    await h?.close();
    await tdb?.drop();
  });
  beforeEach(async () => {
    await h.control.reset();
    h.clock.set(T0);
  });

  const setup = (extra: Partial<ClioClientOptions> = {}) => {
    const connectionId = uniqueName('conn');
    const tokens = simTokenProvider(h, connectionId);
    const client = createClioClient({
      db: tdb.db,
      firmId: 'firm-1',
      tokens: tokens.provider,
      now: h.now,
      sleep: h.sleep,
      random: () => 0.5,
      retry: { baseMs: 100, maxMs: 1_000 },
      ...extra,
    });
    return { client, tokens, connectionId };
  };

  it('walks permission-filtered short pages (even empty ones) to the end without a retry, redacted records included', async () => {
    await h.control.setAccess({ users: { [userId]: { contactsVisibility: { hideEvery: 2, redactEvery: 3 } } } });
    const { client } = setup();
    const seen: Array<Record<string, unknown>> = [];
    let pages = 0;
    for await (const o of client.pages(CONTACTS, 'backfill')) {
      if (!o.ok) throw new Error(o.reason);
      pages++;
      seen.push(...o.page.records);
    }
    const visible = (await h.control.visibleTruth(userId)).records.contacts;
    expect(seen.map((r) => r['id'])).toEqual(visible.map((r) => r.id));
    expect(seen.filter((r) => r['redacted'] === true).length).toBe(visible.filter((r) => r.redacted).length);
    expect(pages).toBe(Math.ceil(COUNTS.contacts / 10));
    expect(client.stats()).toMatchObject({ apiCalls: pages, retries: 0 });
  });

  it('a 403 is `forbidden` at once (no retry), with the status and error type', async () => {
    await h.control.setAccess({ users: { [userId]: { forbidden: ['activities'] } } });
    const { client } = setup();
    expect(await client.fetchPage({ resource: 'activities', fields: ['id'] }, 'backfill')).toEqual({
      ok: false,
      kind: 'forbidden',
      status: 403,
      reason: 'HTTP 403 ForbiddenError',
    });
    expect(client.stats()).toMatchObject({ apiCalls: 1, retries: 0 });
  });

  it('an expired page_token is `cursor_rejected` (restart the listing), not a failure to retry', async () => {
    await h.control.setAccess({ pageTokenTtlSeconds: 60 });
    const { client } = setup();
    const first = await client.fetchPage({ resource: 'matters', fields: ['id'], limit: 10 }, 'backfill');
    if (!first.ok || first.page.nextUrl === null) throw new Error('expected a next page');
    h.clock.set(T0 + 61_000);
    expect(await client.fetchPage({ cursorUrl: first.page.nextUrl }, 'backfill')).toEqual({
      ok: false,
      kind: 'cursor_rejected',
      status: 400,
      reason: 'page_token refused: HTTP 400 BadRequestError',
    });
    expect(client.stats().retries).toBe(0);
  });

  it('counts only what the page backs up: unknown with a reason when meta.records is off', async () => {
    const { client } = setup();
    expect(await client.count('matters', {}, 'backfill')).toEqual({ ok: true, total: COUNTS.matters });
    await h.control.setAccess({ metaRecords: false });
    expect(await client.count('matters', {}, 'backfill')).toEqual({
      ok: true,
      total: null,
      reason: 'Clio sent no meta.records',
    });
    // A listing of one record is its own count, with or without meta.records.
    const one = await client.count('matters', { 'ids[]': '1' }, 'backfill');
    expect(one).toEqual({ ok: true, total: 1 });
  });

  it('401s without rate-limit headers leave the budget as it was (never "unmetered")', async () => {
    await h.control.addFault({ kind: 'revoked_token' });
    const { client, connectionId } = setup();
    await tdb.db
      .insertInto('clio_rate_budgets')
      .values({
        connection_id: connectionId,
        limit: 50,
        remaining: 40,
        reset_at: new Date(T0 + 30_000),
        updated_at: new Date(T0),
      })
      .execute();
    expect(await client.fetchPage(CONTACTS, 'interactive')).toMatchObject({ ok: false, kind: 'needs_reauth' });
    const row = await tdb.db
      .selectFrom('clio_rate_budgets')
      .select(['limit', 'remaining'])
      .where('connection_id', '=', connectionId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ limit: 50, remaining: 38 });
  });
});
