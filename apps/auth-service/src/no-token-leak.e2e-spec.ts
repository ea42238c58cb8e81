import { sql } from 'kysely';
import { uniqueName } from '@sf/testing';
import { AuthHarness, CLIO_APP } from './testing/auth-service-harness';
import { Routes } from './wire-names';

/**
 * After a full flow (connect, token RPC, refresh, 401 retry, failed callbacks, forged callback, disconnect, a Clio-side
 * revoke), no access token, refresh token or authorization code appears in any event row, any log line the service
 * wrote, or any error body a client received.
 */
describe('auth service: tokens never leave the vault except in RPC replies (e2e)', () => {
  let h: AuthHarness;

  beforeAll(async () => {
    h = await AuthHarness.start({ accessTokenTtlSeconds: 3600 });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('keeps every token and code out of events, logs and error bodies', async () => {
    const secrets = new Set<string>();
    const keepVault = async (firmId: string) => {
      const t = await h.vaultTokens(firmId);
      if (t) [t.accessToken, t.refreshToken].forEach((s) => secrets.add(s));
    };
    const keepReply = (r: Awaited<ReturnType<AuthHarness['rpc']>>) => {
      if (r.ok) secrets.add(r.accessToken);
      return r;
    };

    // Connect, with a token-endpoint failure and a tampered state on the way.
    const firmId = uniqueName('firm');
    const callback = new URL(await h.approve(await h.authorizeUrl(firmId, 'us'), 4));
    secrets.add(callback.searchParams.get('code')!);
    const tampered = new URL(callback);
    tampered.searchParams.set('state', `${callback.searchParams.get('state')}x`);
    expect((await h.http(tampered.toString())).status).toBe(400);
    h.sim.edge.faults.add({ kind: 'server_error', path: '/oauth/token', status: 502, count: 1 }, h.clock.now());
    expect((await h.http(callback.toString(), { accept: 'application/json' })).status).toBe(502);
    const retry = new URL(await h.approve(await h.authorizeUrl(firmId, 'us'), 4));
    secrets.add(retry.searchParams.get('code')!);
    expect((await h.http(retry.toString(), { accept: 'application/json' })).status).toBe(200);
    expect((await h.http(retry.toString(), { accept: 'application/json' })).status).toBe(400);
    await keepVault(firmId);

    // Tokens over RPC, a refresh on expiry, a 401-driven refresh.
    keepReply(await h.rpc(firmId));
    h.clock.advance(61 * 60_000);
    const refreshed = keepReply(await h.rpc(firmId));
    await keepVault(firmId);
    keepReply(await h.rpc(firmId, refreshed.ok ? refreshed.accessToken : undefined));
    await keepVault(firmId);

    // A forged callback naming the live token, then a disconnect and its echo.
    const live = (await h.vaultTokens(firmId))!.accessToken;
    const forged = await h.api(Routes.deauthorizeCallback, {
      method: 'POST',
      json: { client_id: 'forged', user_id: 4, access_token: live },
    });
    expect(forged.status).toBe(403);
    expect((await h.api(Routes.connection, { method: 'DELETE', jwt: h.jwt(firmId) })).status).toBe(200);
    expect((await h.rpc(firmId)).ok).toBe(false);

    // A second firm revoked from Clio's side.
    const other = uniqueName('firm');
    expect((await h.connect(other, { clioUserId: 5 })).status).toBe(200);
    await keepVault(other);
    h.sim.edge.oauth.revokeUser('us', CLIO_APP.clientId, 5);
    await h.sim.edge.settle();
    expect((await h.api(Routes.connection, { jwt: h.jwt(other) })).body['status']).toBe('revoked');

    // The checks are only as good as what they look at: make sure there is something to look at.
    expect(secrets.size).toBeGreaterThanOrEqual(8);
    const eventRows = (await sql<Record<string, unknown>>`select * from es_events`.execute(h.t.db)).rows.map((r) =>
      JSON.stringify(r),
    );
    const stateRows = (await sql<Record<string, unknown>>`select * from oauth_states`.execute(h.t.db)).rows.map((r) =>
      JSON.stringify(r),
    );
    expect(eventRows.length).toBeGreaterThanOrEqual(4);
    expect(h.errorBodies.length).toBeGreaterThanOrEqual(4);
    for (const msg of [
      'clio connected',
      'authorization code exchange failed',
      'clio disconnected by a user',
      'clio connection revoked by clio',
    ]) {
      expect(h.logLines.some((l) => l.includes(`"msg":"${msg}"`))).toBe(true);
    }
    const haystacks = { events: eventRows, logs: h.logLines, errors: h.errorBodies, states: stateRows };
    for (const [where, lines] of Object.entries(haystacks)) {
      const leaks = lines.filter((line) => [...secrets].some((s) => line.includes(s)));
      expect({ where, leaks }).toEqual({ where, leaks: [] });
    }
  });
});
