import { createTestDatabase, uniqueName, type TestDatabase } from '@sf/testing';
import { createClioClient } from './create-clio-client';
import { createInMemoryTokenProvider } from './tokens/in-memory-token-provider';
import { simTokenProvider, startSimHarness, T0, type SimHarness } from './testing/sim-harness';
import type { ClioClientOptions, ListRequest, TokenProvider } from './types';
import type { ClioClientTables } from './schema/clio-rate-budget.tables';

const COUNTS = {
  users: 2,
  contacts: 5,
  matters: 25,
  calendar_entries: 1,
  tasks: 1,
  documents: 0,
  activities: 1,
  folders_per_matter: 0,
};
const MATTERS: ListRequest = { resource: 'matters', fields: ['id', 'display_number'], limit: 10 };

describe('Clio client: faults injected through the simulator control API', () => {
  let h: SimHarness;
  let tdb: TestDatabase<ClioClientTables>;

  beforeAll(async () => {
    [h, tdb] = await Promise.all([
      startSimHarness({ seed: 5, counts: COUNTS }),
      createTestDatabase<ClioClientTables>(),
    ]);
  });
  afterAll(async () => {
    await h?.close();
    await tdb?.drop();
  });
  beforeEach(async () => {
    await h.control.reset();
    h.clock.set(T0);
    h.sleeps.length = 0;
  });

  const setup = (extra: Partial<ClioClientOptions> = {}) => {
    const tokens = simTokenProvider(h, uniqueName('conn'));
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
    return { tokens, client };
  };

  it('a burst of 5xx is retried with jittered backoff, then succeeds', async () => {
    await h.control.addFault({ kind: 'server_error', status: 503, count: 2 });
    const { client } = setup();
    const r = await client.fetchPage(MATTERS, 'backfill');
    expect(r).toMatchObject({ ok: true, apiCalls: 3 });
    expect(client.stats()).toMatchObject({ apiCalls: 3, retries: 2 });
    expect(h.sleeps).toEqual([50, 100]);
  });

  it('persistent 5xx gives up after 5 attempts with a clear reason', async () => {
    await h.control.addFault({ kind: 'server_error' });
    const { client, tokens } = setup();
    const r = await client.fetchPage(MATTERS, 'backfill');
    expect(r).toEqual({ ok: false, kind: 'failed', reason: 'HTTP 500 (gave up after 5 attempts)' });
    expect(client.stats()).toMatchObject({ apiCalls: 5, retries: 4 });
    expect(h.sleeps).toEqual([50, 100, 200, 400]);
    expect((await h.control.requestCount(tokens.issued[0]))?.requests).toBe(5);
  });

  it('a 429 storm is ridden out by obeying Retry-After (a planned wait on the clock), then succeeds', async () => {
    await h.control.addFault({ kind: 'rate_limit', count: 3, retryAfterSeconds: 7 });
    const { client } = setup();
    const r = await client.fetchPage(MATTERS, 'interactive');
    expect(r.ok).toBe(true);
    expect(client.stats()).toMatchObject({ apiCalls: 4, r429: 3, retries: 3 });
    expect(h.sleeps).toEqual([7_000, 7_000, 7_000]);
  });

  it('a 429 whose Retry-After exceeds the wait threshold returns rate_limited at once, and so does a storm that outlasts the attempts', async () => {
    await h.control.addFault({ kind: 'rate_limit', count: 1, retryAfterSeconds: 120 });
    const { client } = setup();
    expect(await client.fetchPage(MATTERS, 'interactive')).toMatchObject({
      ok: false,
      kind: 'rate_limited',
      retryAt: T0 + 120_000,
    });
    expect(client.stats().apiCalls).toBe(1);
    await h.control.addFault({ kind: 'rate_limit', retryAfterSeconds: 2 });
    h.clock.set(T0 + 120_000);
    const storm = await client.fetchPage(MATTERS, 'interactive');
    expect(storm).toMatchObject({ ok: false, kind: 'rate_limited' });
    expect(client.stats()).toMatchObject({ apiCalls: 6, r429: 6 });
  });

  it('a body cut off (malformed JSON) is detected and retried', async () => {
    await h.control.addFault({ kind: 'malformed_json', count: 1 });
    const { client } = setup();
    const r = await client.fetchPage(MATTERS, 'backfill');
    if (!r.ok) throw new Error(r.reason);
    expect(r.page.records).toHaveLength(10);
    expect(r.apiCalls).toBe(2);
  });

  it('a short page that links onwards is a normal page (Clio filters pages by permission), never retried', async () => {
    await h.control.addFault({ kind: 'truncated_page', keep: 3, count: 1, path: '/api/v4/matters*' });
    const { client } = setup();
    const r = await client.fetchPage(MATTERS, 'backfill');
    if (!r.ok) throw new Error(r.reason);
    expect([r.page.records.length, r.page.nextUrl !== null, r.apiCalls]).toEqual([3, true, 1]);
    expect(client.stats().retries).toBe(0);
  });

  it('a 401 costs one refresh (rejectedToken passed to the provider), then succeeds with the new token', async () => {
    const { client, tokens } = setup();
    expect((await client.fetchPage(MATTERS, 'interactive')).ok).toBe(true);
    await h.control.addFault({ kind: 'revoked_token', token: tokens.issued[0] });
    const r = await client.fetchPage(MATTERS, 'interactive');
    expect(r.ok).toBe(true);
    expect(tokens.asked.map((a) => a.rejectedToken)).toEqual([undefined, tokens.issued[0]]);
    expect(client.stats()).toMatchObject({ refreshes: 1, apiCalls: 3 });
  });

  it('a token revoked in Clio (401 again after the refresh) is needs_reauth, reported once to the provider with the fresh token', async () => {
    await h.control.addFault({ kind: 'revoked_token' });
    const { client, tokens } = setup();
    expect(await client.fetchPage(MATTERS, 'interactive')).toEqual({
      ok: false,
      kind: 'needs_reauth',
      reason: 'Clio rejected the access token again after a refresh (401)',
    });
    expect(tokens.issued).toHaveLength(2);
    expect(tokens.asked).toEqual([
      { firmId: 'firm-1', rejectedToken: undefined },
      { firmId: 'firm-1', rejectedToken: tokens.issued[0] },
      { firmId: 'firm-1', rejectedToken: tokens.issued[1], unauthorizedAfterRefresh: true },
    ]);
    expect(client.stats()).toMatchObject({ refreshes: 1, apiCalls: 2 });
  });

  it('the needs_reauth report is not retried when the provider is unavailable, and the outcome stays needs_reauth', async () => {
    await h.control.addFault({ kind: 'revoked_token' });
    const sim = simTokenProvider(h, uniqueName('conn'));
    const reports: string[] = [];
    const tokens: TokenProvider = {
      getToken: async (firmId, o) => {
        if (o?.unauthorizedAfterRefresh !== true) return sim.provider.getToken(firmId, o);
        reports.push(o.rejectedToken ?? '');
        return { ok: false, reason: 'unavailable', message: 'auth service did not answer' };
      },
    };
    const { client } = setup({ tokens });
    expect(await client.fetchPage(MATTERS, 'interactive')).toMatchObject({ ok: false, kind: 'needs_reauth' });
    expect(reports).toEqual([sim.issued[1]]);
    expect(client.stats()).toMatchObject({ refreshes: 1, apiCalls: 2, retries: 0 });
  });

  it('a timeout (connection dropped) is retried', async () => {
    await h.control.addFault({ kind: 'timeout', count: 1, delayMs: 300 });
    const { client } = setup({ requestTimeoutMs: 2_000 });
    const r = await client.fetchPage(MATTERS, 'backfill');
    expect(r).toMatchObject({ ok: true, apiCalls: 2 });
  });

  it('a slow response beyond requestTimeoutMs is a timeout, retried', async () => {
    await h.control.addFault({ kind: 'slow', count: 1, delayMs: 600 });
    const { client } = setup({ requestTimeoutMs: 150 });
    const r = await client.fetchPage(MATTERS, 'backfill');
    expect(r).toMatchObject({ ok: true, apiCalls: 2 });
    await h.control.addFault({ kind: 'slow', delayMs: 400 });
    const { client: impatient } = setup({ requestTimeoutMs: 100, retry: { attempts: 2, baseMs: 1 } });
    expect(await impatient.fetchPage(MATTERS, 'backfill')).toEqual({
      ok: false,
      kind: 'failed',
      reason: 'request timed out (gave up after 2 attempts)',
    });
  });

  it('provider outcomes: not connected, revoked; an unsupported pinned version (410) throws', async () => {
    const notConnected = createClioClient({
      db: tdb.db,
      firmId: 'f',
      now: h.now,
      sleep: h.sleep,
      tokens: createInMemoryTokenProvider(() => ({ ok: false, reason: 'not_connected', message: 'no connection' })),
    });
    expect(await notConnected.fetchPage(MATTERS, 'interactive')).toMatchObject({ ok: false, kind: 'not_connected' });
    const revoked = createClioClient({
      db: tdb.db,
      firmId: 'f',
      now: h.now,
      sleep: h.sleep,
      tokens: createInMemoryTokenProvider(() => ({ ok: false, reason: 'revoked', message: 'revoked' })),
    });
    expect(await revoked.fetchPage(MATTERS, 'interactive')).toMatchObject({ ok: false, kind: 'needs_reauth' });
    const { client } = setup({ apiVersion: '4.9.99' });
    await expect(client.fetchPage(MATTERS, 'interactive')).rejects.toThrow(/410 Gone to X-API-VERSION 4\.9\.99/);
  });

  it('a 400 (invalid fields) fails at once without retrying', async () => {
    const { client } = setup();
    const r = await client.fetchPage({ resource: 'matters', fields: ['id', 'no_such_field'] }, 'interactive');
    expect(r).toMatchObject({ ok: false, kind: 'failed', status: 400 });
    expect(client.stats()).toMatchObject({ apiCalls: 1, retries: 0 });
  });
});
