import { randomBytes, randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { createDb } from '@sf/db';
import { createSimulator, type Simulator } from '@sf/clio-simulator';
import { createTestDatabase, uniqueName, waitFor, type TestDatabase } from '@sf/testing';
import type { AccessTokenResult } from './access-token-result';
import { createClioTokenRefresher } from './clio-token-refresher';
import { findConnectionByFirm, revokeConnection, saveConnection } from './connection-repository';
import { createKeyring } from './keyring';
import type { TokenRefresher } from './token-refresher';
import { openTokens } from './token-seal';
import { TokenService, type TokenServiceOptions } from './token-service';
import type { EventStoreTables } from '@sf/event-store';
import type { TokenVaultTables } from './schema/token-vault.tables';

const keyring = createKeyring([['k1', randomBytes(32)]], 'k1');
const MIN = 60_000;
const DAY = 24 * 60 * MIN;
/** The simulator's demo app (simulator/src/oauth/registered-app.ts). */
const APP = { clientId: 'sim-demo-client', clientSecret: 'sim-demo-secret' };

/**
 * Clio is the project's simulator. Its token endpoint is real HTTP; the only test-side addition is a gate in front
 * of the refresher port, so a test can hold one refresh in flight while other callers and replicas pile up.
 */
describe('TokenService.getAccessToken (against the Clio simulator)', () => {
  let t: TestDatabase<TokenVaultTables & EventStoreTables>;
  let sim: Simulator;
  let refresher: TokenRefresher;
  let gate: Promise<void> = Promise.resolve();
  let releaseGate: () => void = () => undefined;
  let entered = 0;
  let nextUserId = 5_000;
  const logs: Array<{ fields: Record<string, unknown>; msg: string }> = [];
  const extraPools: Array<Kysely<TokenVaultTables & EventStoreTables>> = [];

  beforeAll(async () => {
    t = await createTestDatabase();
    sim = await createSimulator({ empty: true });
    const real = createClioTokenRefresher({ ...APP, origins: { us: sim.origin('us') } });
    refresher = {
      refresh: async (region, refreshToken) => {
        entered += 1;
        await gate;
        return real.refresh(region, refreshToken);
      },
    };
  });
  afterAll(async () => {
    await Promise.all(extraPools.map((p) => p.destroy()));
    await sim?.close();
    await t?.drop();
  });
  afterEach(() => {
    // A failed test must not leave a refresh parked (and its pool connection checked out) for the next one.
    releaseGate();
    sim.edge.faults.clear();
  });

  const hold = (): (() => void) => {
    gate = new Promise<void>((r) => (releaseGate = r));
    return releaseGate;
  };
  const service = (
    db: Kysely<TokenVaultTables & EventStoreTables> = t.db,
    extra: Partial<TokenServiceOptions<TokenVaultTables & EventStoreTables>> = {},
  ): TokenService<TokenVaultTables & EventStoreTables> =>
    new TokenService({ db, keyring, refresher, log: { warn: (fields, msg) => logs.push({ fields, msg }) }, ...extra });
  const replicaPool = (): Kysely<TokenVaultTables & EventStoreTables> => {
    const pool = createDb<TokenVaultTables & EventStoreTables>({
      url: t.url,
      max: 5,
      applicationName: uniqueName('replica'),
    });
    extraPools.push(pool);
    return pool;
  };
  /** Token-endpoint requests the simulator has served so far. */
  const tokenPosts = (): number =>
    sim.requests.entries().filter((e) => e.method === 'POST' && e.path === '/oauth/token').length;

  /** A firm connected with a real simulator grant; `expiresInMs`/`refreshedAgoMs` set the vault's view of it. */
  const connect = async (opts: { expiresInMs: number; refreshedAgoMs?: number }) => {
    const userId = nextUserId++;
    const grant = sim.edge.issueToken({ userId });
    const firmId = uniqueName('firm');
    const now = Date.now();
    const c = await saveConnection(
      t.db,
      keyring,
      {
        connectionId: randomUUID(),
        firmId,
        region: 'us',
        clioUserId: String(userId),
        tokens: { accessToken: grant.access_token, refreshToken: grant.refresh_token },
        expiresAt: new Date(now + opts.expiresInMs),
      },
      new Date(now - (opts.refreshedAgoMs ?? 0)),
    );
    return {
      firmId,
      userId,
      connectionId: c.connectionId,
      oldAccess: grant.access_token,
      refresh: grant.refresh_token,
    };
  };
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
  const tokensOf = (rs: AccessTokenResult[]): Set<string> =>
    new Set(rs.map((r) => (r.ok ? r.accessToken : `!${r.reason}`)));
  /** The one new token every caller must have got: stored, different from the old one, and valid at Clio. */
  const expectOneNewToken = async (firmId: string, oldAccess: string, results: AccessTokenResult[]) => {
    const now = (await stored(firmId)).clear!.accessToken;
    expect(now).not.toBe(oldAccess);
    expect(tokensOf(results)).toEqual(new Set([now]));
    const res = await fetch(`${sim.baseUrl('us')}/matters.json`, { headers: { authorization: `Bearer ${now}` } });
    await res.arrayBuffer();
    expect(res.status).toBe(200);
  };

  it('returns a fresh token without calling Clio', async () => {
    const f = await connect({ expiresInMs: 20 * DAY });
    const before = tokenPosts();
    expect(await service().getAccessToken(f.firmId)).toMatchObject({
      ok: true,
      accessToken: f.oldAccess,
      connectionId: f.connectionId,
      region: 'us',
    });
    expect(tokenPosts()).toBe(before);
  });

  it('answers not_connected and revoked without calling Clio', async () => {
    const before = tokenPosts();
    expect(await service().getAccessToken('no-such-firm')).toEqual({ ok: false, reason: 'not_connected' });
    const f = await connect({ expiresInMs: MIN });
    await revokeConnection(t.db, f.firmId, new Date());
    expect(await service().getAccessToken(f.firmId)).toEqual({
      ok: false,
      reason: 'revoked',
      connectionId: f.connectionId,
    });
    expect(tokenPosts()).toBe(before);
  });

  it('refreshes an expiring token once for 50 concurrent callers and stores what Clio returned', async () => {
    const f = await connect({ expiresInMs: 5 * MIN });
    const svc = service();
    const before = tokenPosts();
    const startedAt = Date.now();
    const results = await Promise.all(Array.from({ length: 50 }, () => svc.getAccessToken(f.firmId)));
    expect(tokenPosts() - before).toBe(1);
    await expectOneNewToken(f.firmId, f.oldAccess, results);
    const row = await stored(f.firmId);
    // The simulator answers like Manage: same refresh token, 30-day access token (expires_in 2592000).
    expect(row.clear!.refreshToken).toBe(f.refresh);
    expect(row.version).toBe(2);
    expect(row.tokens!.expiresAt.getTime()).toBeGreaterThanOrEqual(startedAt + 30 * DAY - 1000);
    expect(row.refreshedAt.getTime()).toBeGreaterThanOrEqual(startedAt - 1000);
  });

  it('refreshes once across two replicas (two pools): the second waits on the lock, then re-reads', async () => {
    const f = await connect({ expiresInMs: 5 * MIN });
    const [a, b] = [service(), service(replicaPool())];
    const before = tokenPosts();
    const enteredBefore = entered;
    const release = hold();
    const pending = Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? a : b).getAccessToken(f.firmId)));
    await waitFor(
      () => entered - enteredBefore,
      (n) => n === 1,
      { description: 'one refresh in flight' },
    );
    await waitFor(waitingTokenLocks, (n) => n >= 1, {
      description: 'the other replica waits on the token lock',
      timeoutMs: 5_000,
    });
    release();
    const results = await pending;
    expect(entered - enteredBefore).toBe(1);
    expect(tokenPosts() - before).toBe(1);
    await expectOneNewToken(f.firmId, f.oldAccess, results);
  });

  it('refreshes for a rejected token once across replicas, even when it is not yet due', async () => {
    const f = await connect({ expiresInMs: 20 * DAY });
    const [a, b] = [service(), service(replicaPool())];
    const before = tokenPosts();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).getAccessToken(f.firmId, { rejectedToken: f.oldAccess })),
    );
    expect(tokenPosts() - before).toBe(1);
    await expectOneNewToken(f.firmId, f.oldAccess, results);
  });

  it('refreshes at least daily even when the token is far from expiry', async () => {
    const f = await connect({ expiresInMs: 20 * DAY, refreshedAgoMs: DAY + MIN });
    const before = tokenPosts();
    const r = await service().getAccessToken(f.firmId);
    expect(tokenPosts() - before).toBe(1);
    await expectOneNewToken(f.firmId, f.oldAccess, [r]);
  });

  it('marks the connection needs_reauth when Clio refuses the refresh token, reported as a transition to exactly one caller', async () => {
    const f = await connect({ expiresInMs: 5 * MIN });
    sim.edge.oauth.revokeUser('us', APP.clientId, f.userId);
    const [a, b] = [service(), service(replicaPool())];
    const before = tokenPosts();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).getAccessToken(f.firmId)));
    expect(tokenPosts() - before).toBe(1);
    expect(results.every((r) => !r.ok && r.reason === 'needs_reauth' && r.connectionId === f.connectionId)).toBe(true);
    expect(results.filter((r) => !r.ok && r.reason === 'needs_reauth' && r.markedNow)).toHaveLength(1);
    expect((await stored(f.firmId)).status).toBe('needs_reauth');
    expect(await a.getAccessToken(f.firmId)).toEqual({
      ok: false,
      reason: 'needs_reauth',
      connectionId: f.connectionId,
      markedNow: false,
    });
    expect(tokenPosts() - before).toBe(1);
  });

  it("runs onNeedsReauth inside the transition's transaction: once, and a throw rolls the transition back", async () => {
    const f = await connect({ expiresInMs: 5 * MIN });
    sim.edge.oauth.revokeUser('us', APP.clientId, f.userId);
    const failing = service(t.db, {
      onNeedsReauth: async () => {
        throw new Error('event append failed');
      },
    });
    await expect(failing.getAccessToken(f.firmId)).rejects.toThrow('event append failed');
    expect((await stored(f.firmId)).status).toBe('active');
    const seen: Array<{ firmId: string; connectionId: string; reason: string; inTransaction: boolean }> = [];
    const hooked = service(t.db, {
      onNeedsReauth: async (trx, e) => void seen.push({ ...e, inTransaction: trx.isTransaction }),
    });
    await Promise.all(Array.from({ length: 5 }, () => hooked.getAccessToken(f.firmId)));
    expect(seen).toEqual([
      {
        firmId: f.firmId,
        connectionId: f.connectionId,
        reason: 'Clio refused the refresh token (invalid_grant)',
        inTransaction: true,
      },
    ]);
    expect((await stored(f.firmId)).status).toBe('needs_reauth');
  });

  it('keeps serving a still-usable token when Clio fails, backs off, and fails clearly once it has expired', async () => {
    const usable = await connect({ expiresInMs: 5 * MIN });
    const expiring = await connect({ expiresInMs: 30_000 });
    sim.edge.faults.add({ kind: 'server_error', status: 503, path: '/oauth/token' }, sim.clock.now());
    const svc = service();
    const before = tokenPosts();
    expect(await svc.getAccessToken(usable.firmId)).toMatchObject({ ok: true, accessToken: usable.oldAccess });
    expect(await svc.getAccessToken(usable.firmId)).toMatchObject({ ok: true, accessToken: usable.oldAccess });
    expect(tokenPosts() - before).toBe(1);
    expect(await svc.getAccessToken(expiring.firmId)).toEqual({
      ok: false,
      reason: 'unavailable',
      detail: 'token endpoint answered 503',
    });
    expect((await stored(usable.firmId)).status).toBe('active');
  });

  it("falls back to the stored token when the wait for another replica's refresh times out", async () => {
    const f = await connect({ expiresInMs: 5 * MIN });
    const enteredBefore = entered;
    const release = hold();
    const leader = service().getAccessToken(f.firmId);
    await waitFor(
      () => entered - enteredBefore,
      (n) => n === 1,
    );
    expect(await service(replicaPool(), { lockTimeoutMs: 200 }).getAccessToken(f.firmId)).toMatchObject({
      ok: true,
      accessToken: f.oldAccess,
    });
    release();
    await expectOneNewToken(f.firmId, f.oldAccess, [await leader]);
  });

  it('sweeps due connections proactively', async () => {
    const due = await connect({ expiresInMs: 20 * DAY, refreshedAgoMs: DAY + MIN });
    const notDue = await connect({ expiresInMs: 20 * DAY });
    const swept = await service().refreshDue(1000);
    expect(swept.map((s) => s.firmId)).toContain(due.firmId);
    expect(swept.map((s) => s.firmId)).not.toContain(notDue.firmId);
    await expectOneNewToken(
      due.firmId,
      due.oldAccess,
      swept.filter((s) => s.firmId === due.firmId).map((s) => s.result),
    );
  });

  it('never logs a token or a secret', async () => {
    expect(logs.length).toBeGreaterThan(0);
    const text = JSON.stringify(logs);
    const secrets = (await t.db.selectFrom('clio_connections').selectAll().execute())
      .filter((r) => r.access_token_enc)
      .map((r) =>
        openTokens(keyring, r.connection_id, {
          accessTokenEnc: r.access_token_enc!,
          refreshTokenEnc: r.refresh_token_enc!,
        }),
      )
      .flatMap((tk) => [tk.accessToken, tk.refreshToken]);
    expect(secrets.length).toBeGreaterThan(0);
    for (const s of [...secrets, APP.clientSecret]) expect(text).not.toContain(s);
  });
});
