import { uniqueName, waitFor } from '@sf/testing';
import type { AccessTokenReply, AccessTokenRequest } from '@sf/contracts';
import { AuthHarness, CLIO_APP } from '../testing/auth-service-harness';
import { Routes } from '../wire-names';

const MIN = 60_000;

/** Token RPC against two replicas sharing one database; the simulator's clock is the service's clock. */
describe('auth service: the access-token RPC and refreshes (e2e against the simulator)', () => {
  let h: AuthHarness;
  let nextClioUser = 1;

  beforeAll(async () => {
    h = await AuthHarness.start({ replicas: 2, accessTokenTtlSeconds: 3600 });
  });
  afterAll(async () => {
    await h?.close();
  });

  /** A connected firm with its own Clio user (revoking a user must not touch other tests' firms). */
  const connected = async () => {
    const firmId = uniqueName('firm');
    const clioUserId = nextClioUser++;
    expect((await h.connect(firmId, { clioUserId })).status).toBe(200);
    return { firmId, clioUserId, tokens: (await h.vaultTokens(firmId))! };
  };
  const tokenOf = (r: AccessTokenReply): string => {
    if (!r.ok) throw new Error(`expected a token, got ${r.reason}: ${r.message}`);
    return r.accessToken;
  };

  it("hands out the vault's token with the region's API base, without calling Clio", async () => {
    const f = await connected();
    const before = h.tokenPosts();
    const r = await h.rpc(f.firmId);
    expect(r).toEqual({
      ok: true,
      accessToken: f.tokens.accessToken,
      region: 'us',
      apiBaseUrl: h.sim.baseUrl('us'),
      connectionId: expect.any(String),
      expiresAt: new Date(h.clock.now() + 3600_000).toISOString(),
    });
    expect(h.tokenPosts()).toBe(before);
    expect(await h.clioAccepts(tokenOf(r))).toBe(200);
  });

  it('answers not_connected for an unknown firm and refuses a malformed request', async () => {
    expect(await h.rpc(uniqueName('firm'))).toEqual({
      ok: false,
      reason: 'not_connected',
      message: 'the firm has not connected Clio',
    });
    const bad = await h.nc.request(h.service.tokenSubject, '{"firm":1}', { timeout: 5_000 });
    expect(bad.json()).toMatchObject({
      ok: false,
      reason: 'unavailable',
      message: expect.stringContaining('malformed request'),
    });
  });

  it('refreshes an expired token once; the new one works at Clio', async () => {
    const f = await connected();
    h.clock.advance(61 * MIN);
    expect(await h.clioAccepts(f.tokens.accessToken)).toBe(401);
    const before = h.tokenPosts();
    const fresh = tokenOf(await h.rpc(f.firmId));
    expect(fresh).not.toBe(f.tokens.accessToken);
    expect(h.tokenPosts() - before).toBe(1);
    expect(await h.clioAccepts(fresh)).toBe(200);
    expect((await h.vaultTokens(f.firmId))!).toEqual({ accessToken: fresh, refreshToken: f.tokens.refreshToken });
    expect(tokenOf(await h.rpc(f.firmId))).toBe(fresh);
    expect(h.tokenPosts() - before).toBe(1);
  });

  it('makes exactly one refresh at Clio for 50 concurrent requests across two replicas', async () => {
    const f = await connected();
    h.clock.advance(55 * MIN); // inside the 10-minute refresh window, still valid at Clio
    const before = h.tokenPosts();
    const logged = h.logLines.length;
    const replies = await Promise.all(Array.from({ length: 50 }, () => h.rpc(f.firmId)));
    const answeredBy = new Set(
      h.logLines
        .slice(logged)
        .map((l) => JSON.parse(l) as { msg: string; replica: number })
        .filter((l) => l.msg === 'access-token request answered')
        .map((l) => l.replica),
    );
    expect(answeredBy).toEqual(new Set([0, 1]));
    const tokens = new Set(replies.map(tokenOf));
    expect(tokens.size).toBe(1);
    const [fresh] = [...tokens];
    expect(fresh).not.toBe(f.tokens.accessToken);
    expect(h.tokenPosts() - before).toBe(1);
    expect((await h.vaultTokens(f.firmId))!.accessToken).toBe(fresh);
  });

  it('refreshes for a token Clio rejected, once, and not for a stale rejection', async () => {
    const f = await connected();
    const before = h.tokenPosts();
    const replies = await Promise.all(Array.from({ length: 10 }, () => h.rpc(f.firmId, f.tokens.accessToken)));
    const fresh = tokenOf(replies[0]!);
    expect(new Set(replies.map(tokenOf))).toEqual(new Set([fresh]));
    expect(fresh).not.toBe(f.tokens.accessToken);
    expect(tokenOf(await h.rpc(f.firmId, f.tokens.accessToken))).toBe(fresh);
    expect(h.tokenPosts() - before).toBe(1);
  });

  it('moves a connection whose grant Clio revoked to needs_reauth with exactly one ConnectionNeedsReauth', async () => {
    const f = await connected();
    // Clio revokes the grant without telling us (no callback): only the next refresh finds out.
    h.sim.edge.oauth.region('us').tokens.revokeUser(CLIO_APP.clientId, f.clioUserId);
    h.clock.advance(55 * MIN);
    const replies = await Promise.all(Array.from({ length: 20 }, () => h.rpc(f.firmId)));
    for (const r of replies) expect(r).toMatchObject({ ok: false, reason: 'needs_reauth' });
    const events = await h.events(f.firmId);
    expect(events.map((e) => e.type)).toEqual(['ClioConnected', 'ConnectionNeedsReauth']);
    expect(events[1]!.data).toEqual({
      connectionId: (events[0]!.data as { connectionId: string }).connectionId,
      reason: 'Clio refused the refresh token (invalid_grant)',
    });
    expect((await h.api(Routes.connection, { jwt: h.jwt(f.firmId) })).body['status']).toBe('needs_reauth');
    expect(await h.rpc(f.firmId)).toMatchObject({ ok: false, reason: 'needs_reauth' });
    expect((await h.events(f.firmId)).length).toBe(2);
  });

  /** A client's report that Clio answered 401 to `token` although it came from a refresh. */
  const report401AfterRefresh = async (firmId: string, token: string): Promise<AccessTokenReply> => {
    const req: AccessTokenRequest = { firmId, rejectedToken: token, unauthorizedAfterRefresh: true };
    return (
      await h.nc.request(h.service.tokenSubject, JSON.stringify(req), { timeout: 20_000 })
    ).json<AccessTokenReply>();
  };

  // The client's report (what @sf/clio-client sends after a second 401) is driven directly; the simulator refuses the
  // fresh token on API calls (a revoked_token fault on that token), as Clio would.
  it('marks needs_reauth with exactly one ConnectionNeedsReauth when Clio refused the current, freshly refreshed token', async () => {
    const f = await connected();
    const fresh = tokenOf(await h.rpc(f.firmId, f.tokens.accessToken));
    const before = h.tokenPosts();
    h.sim.edge.faults.add({ kind: 'revoked_token', token: fresh }, h.clock.now());
    let replies: AccessTokenReply[];
    try {
      replies = await Promise.all(Array.from({ length: 6 }, () => report401AfterRefresh(f.firmId, fresh)));
    } finally {
      h.sim.edge.faults.clear();
    }
    for (const r of replies)
      expect(r).toMatchObject({
        ok: false,
        reason: 'needs_reauth',
        message: expect.stringContaining('connect Clio again'),
      });
    expect(replies).toContainEqual({
      ok: false,
      reason: 'needs_reauth',
      message: 'Clio rejected a freshly refreshed access token; a user of the firm must connect Clio again',
    });
    expect(h.tokenPosts()).toBe(before);
    const events = await h.events(f.firmId);
    expect(events.map((e) => e.type)).toEqual(['ClioConnected', 'ConnectionNeedsReauth']);
    expect(events[1]!.data).toEqual({
      connectionId: (events[0]!.data as { connectionId: string }).connectionId,
      reason: 'Clio rejected a freshly refreshed access token',
    });
    expect((await h.api(Routes.connection, { jwt: h.jwt(f.firmId) })).body['status']).toBe('needs_reauth');
    expect(await h.rpc(f.firmId)).toMatchObject({ ok: false, reason: 'needs_reauth' });
    expect(await report401AfterRefresh(f.firmId, fresh)).toMatchObject({ ok: false, reason: 'needs_reauth' });
    expect((await h.events(f.firmId)).length).toBe(2);
  });

  it('ignores a forged report about the current token while Clio still accepts it (any RPC client could send one)', async () => {
    const f = await connected();
    const current = tokenOf(await h.rpc(f.firmId));
    expect(tokenOf(await report401AfterRefresh(f.firmId, current))).toBe(current);
    expect((await h.events(f.firmId)).map((e) => e.type)).toEqual(['ClioConnected']);
    expect((await h.api(Routes.connection, { jwt: h.jwt(f.firmId) })).body['status']).toBe('active');
  });

  it('ignores a stale report about a token already replaced: nothing is marked, the current token is handed out', async () => {
    const f = await connected();
    const fresh = tokenOf(await h.rpc(f.firmId, f.tokens.accessToken));
    const before = h.tokenPosts();
    expect(tokenOf(await report401AfterRefresh(f.firmId, f.tokens.accessToken))).toBe(fresh);
    expect(await report401AfterRefresh(uniqueName('firm'), fresh)).toMatchObject({
      ok: false,
      reason: 'not_connected',
    });
    expect(h.tokenPosts()).toBe(before);
    expect((await h.events(f.firmId)).map((e) => e.type)).toEqual(['ClioConnected']);
    expect((await h.api(Routes.connection, { jwt: h.jwt(f.firmId) })).body['status']).toBe('active');
    expect(tokenOf(await h.rpc(f.firmId))).toBe(fresh);
  });

  it('refreshes due connections proactively on the timer, without any request', async () => {
    const f = await connected();
    const timed = await h.startReplica({ refreshIntervalMs: 50 });
    try {
      h.clock.advance(55 * MIN);
      const after = await waitFor(
        () => h.vaultTokens(f.firmId),
        (t) => t !== null && t.accessToken !== f.tokens.accessToken,
        {
          description: 'the timer refreshed the token',
        },
      );
      expect(await h.clioAccepts(after!.accessToken)).toBe(200);
      expect(h.logLines.some((l) => l.includes('"msg":"maintenance pass"'))).toBe(true);
    } finally {
      h.services.splice(h.services.indexOf(timed), 1);
      await timed.close();
    }
  });
});
