import { randomBytes, randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { createDb, type Database } from '@sf/db';
import { createTestDatabase, uniqueName, waitFor, type TestDatabase } from '@sf/testing';
import type { AccessTokenResult } from './access-token-result';
import { createClioTokenRefresher } from './clio-token-refresher';
import { findConnectionByFirm, revokeConnection, saveConnection } from './connection-repository';
import { createKeyring } from './keyring';
import { openTokens } from './token-seal';
import { TokenService, type TokenServiceOptions } from './token-service';
import { startFakeTokenEndpoint, tokenBody, type FakeTokenEndpoint } from './test-support/fake-token-endpoint';

const keyring = createKeyring([['k1', randomBytes(32)]], 'k1');
const MIN = 60_000;

describe('TokenService.getAccessToken', () => {
  let t: TestDatabase;
  let endpoint: FakeTokenEndpoint;
  const logs: Array<{ fields: Record<string, unknown>; msg: string }> = [];
  const extraPools: Array<Kysely<Database>> = [];

  beforeAll(async () => {
    t = await createTestDatabase();
    endpoint = await startFakeTokenEndpoint(() => ({ status: 500, body: {} }));
  });
  afterAll(async () => {
    await Promise.all(extraPools.map((p) => p.destroy()));
    await endpoint.close();
    await t.drop();
  });

  const service = (db: Kysely<Database> = t.db, extra: Partial<TokenServiceOptions> = {}): TokenService =>
    new TokenService({
      db,
      keyring,
      refresher: createClioTokenRefresher({ clientId: 'cid', clientSecret: 'csecret', origins: { us: endpoint.origin } }),
      log: { warn: (fields, msg) => logs.push({ fields, msg }) },
      ...extra,
    });
  const secondReplica = (): TokenService => {
    const pool = createDb({ url: t.url, max: 5, applicationName: 'replica-b' });
    extraPools.push(pool);
    return service(pool);
  };

  /** Connects a new firm whose access token expires in `expiresInMs`; tokens are unique to the firm. */
  const connect = async (opts: { expiresInMs: number; refreshedAgoMs?: number }) => {
    const firmId = uniqueName('firm');
    const now = Date.now();
    const c = await saveConnection(
      t.db,
      keyring,
      {
        connectionId: randomUUID(),
        firmId,
        region: 'us',
        clioUserId: '7',
        tokens: { accessToken: `old-access-${firmId}`, refreshToken: `refresh-${firmId}` },
        expiresAt: new Date(now + opts.expiresInMs),
      },
      new Date(now - (opts.refreshedAgoMs ?? 0)),
    );
    return { firmId, connectionId: c.connectionId, oldAccess: `old-access-${firmId}`, refresh: `refresh-${firmId}` };
  };
  const callsFor = (refreshToken: string) => endpoint.calls.filter((c) => c['refresh_token'] === refreshToken);
  const stored = async (firmId: string) => {
    const c = (await findConnectionByFirm(t.db, firmId))!;
    return { ...c, clear: c.tokens ? openTokens(keyring, c.connectionId, c.tokens) : null };
  };
  const waitingTokenLocks = async (): Promise<number> => {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pg_locks
      where locktype = 'advisory' and not granted
        and database = (select oid from pg_database where datname = current_database())`.execute(t.db);
    return rows[0]!.n;
  };
  const tokensOf = (rs: AccessTokenResult[]): string[] => rs.map((r) => (r.ok ? r.accessToken : `!${r.reason}`));

  it('returns a fresh token without calling Clio', async () => {
    const f = await connect({ expiresInMs: 30 * 24 * 60 * MIN });
    const r = await service().getAccessToken(f.firmId);
    expect(r).toMatchObject({ ok: true, accessToken: f.oldAccess, connectionId: f.connectionId, region: 'us' });
    expect(callsFor(f.refresh)).toHaveLength(0);
  });

  it('answers not_connected and revoked without calling Clio', async () => {
    expect(await service().getAccessToken('no-such-firm')).toEqual({ ok: false, reason: 'not_connected' });
    const f = await connect({ expiresInMs: MIN });
    await revokeConnection(t.db, f.firmId, new Date());
    expect(await service().getAccessToken(f.firmId)).toEqual({ ok: false, reason: 'revoked', connectionId: f.connectionId });
    expect(callsFor(f.refresh)).toHaveLength(0);
  });

  it('refreshes an expiring token once for 50 concurrent callers, and keeps the refresh token Clio did not resend', async () => {
    const f = await connect({ expiresInMs: 5 * MIN });
    endpoint.respond = () => ({ status: 200, body: tokenBody(`new-access-${f.firmId}`, undefined, 3600) });
    const svc = service();
    const before = Date.now();
    const results = await Promise.all(Array.from({ length: 50 }, () => svc.getAccessToken(f.firmId)));
    expect(callsFor(f.refresh)).toHaveLength(1);
    expect(callsFor(f.refresh)[0]).toEqual({ grant_type: 'refresh_token', client_id: 'cid', client_secret: 'csecret', refresh_token: f.refresh });
    expect(new Set(tokensOf(results))).toEqual(new Set([`new-access-${f.firmId}`]));
    const row = await stored(f.firmId);
    expect(row.clear).toEqual({ accessToken: `new-access-${f.firmId}`, refreshToken: f.refresh });
    expect(row.version).toBe(2);
    expect(row.tokens!.expiresAt.getTime()).toBeGreaterThanOrEqual(before + 3_600_000 - 1000);
    expect(row.refreshedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it('refreshes once across two replicas (two pools): the second waits on the lock, then re-reads', async () => {
    const f = await connect({ expiresInMs: 5 * MIN });
    endpoint.respond = () => ({ status: 200, body: tokenBody(`new-access-${f.firmId}`) });
    const [a, b] = [service(), secondReplica()];
    const release = endpoint.hold();
    const pending = Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? a : b).getAccessToken(f.firmId)));
    await waitFor(() => callsFor(f.refresh).length, (n) => n === 1, { description: 'one refresh reached Clio' });
    await waitFor(waitingTokenLocks, (n) => n >= 1, { description: 'the other replica waits on the token lock' });
    release();
    const results = await pending;
    expect(callsFor(f.refresh)).toHaveLength(1);
    expect(new Set(tokensOf(results))).toEqual(new Set([`new-access-${f.firmId}`]));
  });

  it('stores a refresh token Clio returns and uses it for the next refresh', async () => {
    const f = await connect({ expiresInMs: 5 * MIN });
    endpoint.respond = (form, n) => ({ status: 200, body: tokenBody(`access-${n}-${f.firmId}`, `rotated-${form['refresh_token']}`) });
    const svc = service();
    const first = await svc.getAccessToken(f.firmId);
    expect((await stored(f.firmId)).clear!.refreshToken).toBe(`rotated-${f.refresh}`);
    // A 401 on the new token forces the next refresh, which must present the replaced refresh token.
    const second = await svc.getAccessToken(f.firmId, { rejectedToken: first.ok ? first.accessToken : '' });
    expect(callsFor(`rotated-${f.refresh}`)).toHaveLength(1);
    expect(second.ok && second.accessToken).not.toBe(first.ok && first.accessToken);
    expect((await stored(f.firmId)).clear!.refreshToken).toBe(`rotated-rotated-${f.refresh}`);
  });

  it('refreshes for a rejected token once, even when it is not yet due', async () => {
    const f = await connect({ expiresInMs: 20 * 24 * 60 * MIN });
    endpoint.respond = () => ({ status: 200, body: tokenBody(`new-access-${f.firmId}`) });
    const [a, b] = [service(), secondReplica()];
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).getAccessToken(f.firmId, { rejectedToken: f.oldAccess })));
    expect(callsFor(f.refresh)).toHaveLength(1);
    expect(new Set(tokensOf(results))).toEqual(new Set([`new-access-${f.firmId}`]));
  });

  it('refreshes at least daily even when the token is far from expiry', async () => {
    const f = await connect({ expiresInMs: 20 * 24 * 60 * MIN, refreshedAgoMs: 25 * 60 * MIN });
    endpoint.respond = () => ({ status: 200, body: tokenBody(`new-access-${f.firmId}`) });
    expect(await service().getAccessToken(f.firmId)).toMatchObject({ ok: true, accessToken: `new-access-${f.firmId}` });
    expect(callsFor(f.refresh)).toHaveLength(1);
  });

  it('marks the connection needs_reauth on invalid_grant, reported as a transition to exactly one caller', async () => {
    const f = await connect({ expiresInMs: 5 * MIN });
    endpoint.respond = () => ({ status: 400, body: { error: 'invalid_grant', error_description: 'revoked' } });
    const [a, b] = [service(), secondReplica()];
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).getAccessToken(f.firmId)));
    expect(callsFor(f.refresh)).toHaveLength(1);
    expect(results.every((r) => !r.ok && r.reason === 'needs_reauth' && r.connectionId === f.connectionId)).toBe(true);
    expect(results.filter((r) => !r.ok && r.reason === 'needs_reauth' && r.markedNow)).toHaveLength(1);
    expect((await stored(f.firmId)).status).toBe('needs_reauth');
    expect(await a.getAccessToken(f.firmId)).toEqual({ ok: false, reason: 'needs_reauth', connectionId: f.connectionId, markedNow: false });
    expect(callsFor(f.refresh)).toHaveLength(1);
  });

  it('keeps serving a still-usable token when Clio fails, backs off, and fails clearly once it has expired', async () => {
    const usable = await connect({ expiresInMs: 5 * MIN });
    const expiring = await connect({ expiresInMs: 30_000 });
    endpoint.respond = () => ({ status: 503, body: { error: 'temporarily_unavailable' } });
    const svc = service();
    expect(await svc.getAccessToken(usable.firmId)).toMatchObject({ ok: true, accessToken: usable.oldAccess });
    expect(await svc.getAccessToken(usable.firmId)).toMatchObject({ ok: true, accessToken: usable.oldAccess });
    expect(callsFor(usable.refresh)).toHaveLength(1);
    expect(await svc.getAccessToken(expiring.firmId)).toEqual({
      ok: false, reason: 'unavailable', detail: 'token endpoint answered 503 temporarily_unavailable',
    });
  });

  it('falls back to the stored token when the lock wait times out', async () => {
    const f = await connect({ expiresInMs: 5 * MIN });
    endpoint.respond = () => ({ status: 200, body: tokenBody(`new-access-${f.firmId}`) });
    const a = service();
    const impatient = service(extraPools[0]!, { lockTimeoutMs: 200 });
    const release = endpoint.hold();
    const leader = a.getAccessToken(f.firmId);
    await waitFor(() => callsFor(f.refresh).length, (n) => n === 1);
    expect(await impatient.getAccessToken(f.firmId)).toMatchObject({ ok: true, accessToken: f.oldAccess });
    release();
    expect(await leader).toMatchObject({ ok: true, accessToken: `new-access-${f.firmId}` });
  });

  it('sweeps due connections proactively', async () => {
    const due = await connect({ expiresInMs: 20 * 24 * 60 * MIN, refreshedAgoMs: 25 * 60 * MIN });
    const notDue = await connect({ expiresInMs: 20 * 24 * 60 * MIN });
    endpoint.respond = (form) => ({ status: 200, body: tokenBody(`swept-${form['refresh_token']}`) });
    const swept = await service().refreshDue(1000);
    expect(swept.map((s) => s.firmId)).toContain(due.firmId);
    expect(swept.map((s) => s.firmId)).not.toContain(notDue.firmId);
    expect(callsFor(due.refresh)).toHaveLength(1);
    expect((await stored(due.firmId)).clear!.accessToken).toBe(`swept-${due.refresh}`);
  });

  it('never logs a token', () => {
    expect(logs.length).toBeGreaterThan(0);
    const text = JSON.stringify(logs);
    expect(text).not.toMatch(/access-|refresh-|csecret/);
  });
});
