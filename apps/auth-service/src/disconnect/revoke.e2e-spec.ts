import { uniqueName, waitFor } from '@sf/testing';
import { AuthHarness, CLIO_APP } from '../testing/auth-service-harness';
import { Routes } from '../wire-names';

/** Ending a connection from our side (disconnect) and from Clio's (a user revokes the app -> deauthorization callback). */
describe('auth service: revocation from either side (e2e against the simulator)', () => {
  let h: AuthHarness;
  let nextClioUser = 1;

  beforeAll(async () => {
    h = await AuthHarness.start();
  });
  afterAll(async () => {
    await h?.close();
  });

  const connected = async () => {
    const firmId = uniqueName('firm');
    const clioUserId = nextClioUser++;
    expect((await h.connect(firmId, { clioUserId })).status).toBe(200);
    return { firmId, clioUserId, tokens: (await h.vaultTokens(firmId))! };
  };
  const row = (firmId: string) =>
    h.t.db.selectFrom('clio_connections').selectAll().where('firm_id', '=', firmId).executeTakeFirstOrThrow();
  const callbacksSettled = async () => {
    await h.sim.edge.settle();
    return h.sim.edge.oauth.callbackLog();
  };

  it("disconnect revokes at Clio, destroys the tokens and appends ConnectionRevoked{user}; Clio's echo changes nothing", async () => {
    const f = await connected();
    const callbacksBefore = (await callbacksSettled()).length;
    const r = await h.api(Routes.connection, { method: 'DELETE', jwt: h.jwt(f.firmId) });
    expect(r).toMatchObject({
      status: 200,
      body: { status: 'revoked', revokedAtClio: true, connectionId: expect.any(String) },
    });
    expect(await h.clioAccepts(f.tokens.accessToken)).toBe(401);
    expect(await row(f.firmId)).toMatchObject({
      status: 'revoked',
      access_token_enc: null,
      refresh_token_enc: null,
      key_id: null,
      expires_at: null,
    });
    // Clio calls back about the token we revoked; the connection is already gone, so nothing more happens.
    const callbacks = await callbacksSettled();
    expect(callbacks.slice(callbacksBefore)).toEqual([
      expect.objectContaining({ scope: 'token', status: 200, userId: f.clioUserId }),
    ]);
    const events = await h.events(f.firmId);
    expect(events.map((e) => [e.type, e.data])).toEqual([
      ['ClioConnected', expect.anything()],
      ['ConnectionRevoked', { connectionId: r.body['connectionId'], revokedBy: 'user' }],
    ]);
    expect(await h.rpc(f.firmId)).toMatchObject({ ok: false, reason: 'revoked' });
    expect((await h.api(Routes.connection, { jwt: h.jwt(f.firmId) })).body['status']).toBe('revoked');
    expect((await h.api(Routes.connection, { method: 'DELETE', jwt: h.jwt(f.firmId) })).status).toBe(404);
    expect((await h.events(f.firmId)).length).toBe(2);
  });

  it('a user revoking the app in Clio ends the connection through the deauthorization callback (revokedBy clio), idempotently', async () => {
    const f = await connected();
    h.sim.edge.oauth.revokeUser('us', CLIO_APP.clientId, f.clioUserId);
    await waitFor(
      () => row(f.firmId),
      (r) => r.status === 'revoked',
      { description: 'the callback revoked the connection' },
    );
    expect((await callbacksSettled()).at(-1)).toMatchObject({ scope: 'all', status: 200, userId: f.clioUserId });
    const events = await h.events(f.firmId);
    expect(events.map((e) => [e.type, e.data])).toEqual([
      ['ClioConnected', expect.anything()],
      [
        'ConnectionRevoked',
        { connectionId: (events[0]!.data as { connectionId: string }).connectionId, revokedBy: 'clio' },
      ],
    ]);
    const again = await h.api(Routes.deauthorizeCallback, {
      method: 'POST',
      json: { client_id: CLIO_APP.clientId, user_id: f.clioUserId, access_token: 'all' },
    });
    expect(again).toMatchObject({ status: 200, body: { revoked: 0, ignored: 0 } });
    expect((await h.events(f.firmId)).length).toBe(2);
    expect(await h.rpc(f.firmId)).toMatchObject({ ok: false, reason: 'revoked' });
  });

  it('ignores a forged callback while Clio still accepts the grant', async () => {
    const f = await connected();
    for (const access_token of ['all', f.tokens.accessToken]) {
      const r = await h.api(Routes.deauthorizeCallback, {
        method: 'POST',
        json: { client_id: CLIO_APP.clientId, user_id: f.clioUserId, access_token },
      });
      expect(r).toMatchObject({ status: 200, body: { revoked: 0, ignored: 1 } });
    }
    expect((await row(f.firmId)).status).toBe('active');
    expect(await h.rpc(f.firmId)).toMatchObject({ ok: true, accessToken: f.tokens.accessToken });
    expect((await h.events(f.firmId)).map((e) => e.type)).toEqual(['ClioConnected']);
  });

  it('asks Clio about a connection at most once per window, however many forged callbacks arrive, and rate-limits the route', async () => {
    const f = await connected();
    const whoAmI = () => h.sim.requests.entries().filter((e) => e.path.includes('who_am_i')).length;
    h.clock.advance(61_000); // a fresh window for the route and the connection
    const before = whoAmI();
    const statuses: number[] = [];
    for (let i = 0; i < 70; i++) {
      const r = await h.api(Routes.deauthorizeCallback, {
        method: 'POST',
        json: { client_id: CLIO_APP.clientId, user_id: f.clioUserId, access_token: 'all' },
      });
      statuses.push(r.status);
    }
    expect(whoAmI() - before).toBe(1);
    expect(statuses.filter((s) => s === 200).length).toBe(60);
    expect(statuses.slice(60)).toEqual(Array.from({ length: 10 }, () => 429));
    expect((await row(f.firmId)).status).toBe('active');
    h.clock.advance(61_000);
    const later = await h.api(Routes.deauthorizeCallback, {
      method: 'POST',
      json: { client_id: CLIO_APP.clientId, user_id: f.clioUserId, access_token: 'all' },
    });
    expect(later).toMatchObject({ status: 200, body: { revoked: 0, ignored: 1 } });
    expect(whoAmI() - before).toBe(2);
  });

  it('refuses a callback for another app or with a malformed body', async () => {
    const f = await connected();
    const foreign = await h.api(Routes.deauthorizeCallback, {
      method: 'POST',
      json: { client_id: 'someone-else', user_id: f.clioUserId, access_token: 'all' },
    });
    expect(foreign).toMatchObject({ status: 403, body: { message: 'client_id does not match this application' } });
    for (const json of [
      {},
      { client_id: CLIO_APP.clientId, user_id: 'x', access_token: 'all' },
      { client_id: CLIO_APP.clientId, user_id: 1 },
    ]) {
      expect((await h.api(Routes.deauthorizeCallback, { method: 'POST', json })).status).toBe(400);
    }
    expect((await row(f.firmId)).status).toBe('active');
  });

  it('disconnect still destroys our tokens when Clio cannot be reached, and says so', async () => {
    const f = await connected();
    h.sim.edge.faults.add({ kind: 'server_error', path: '/oauth/deauthorize', status: 500 }, h.clock.now());
    try {
      const r = await h.api(Routes.connection, { method: 'DELETE', jwt: h.jwt(f.firmId) });
      expect(r).toMatchObject({ status: 200, body: { status: 'revoked', revokedAtClio: false } });
    } finally {
      h.sim.edge.faults.clear();
    }
    expect((await row(f.firmId)).status).toBe('revoked');
    expect((await h.events(f.firmId)).map((e) => e.type)).toEqual(['ClioConnected', 'ConnectionRevoked']);
  });

  it('reconnecting replaces the connection and gives the old grant back to Clio', async () => {
    const f = await connected();
    const first = (await row(f.firmId)).connection_id;
    expect((await h.connect(f.firmId, { clioUserId: f.clioUserId })).status).toBe(200);
    const second = await row(f.firmId);
    expect(second).toMatchObject({ status: 'active' });
    expect(second.connection_id).not.toBe(first);
    expect(await h.clioAccepts(f.tokens.accessToken)).toBe(401);
    expect(await h.clioAccepts((await h.vaultTokens(f.firmId))!.accessToken)).toBe(200);
    await callbacksSettled();
    expect((await row(f.firmId)).status).toBe('active');
    expect((await h.events(f.firmId)).map((e) => e.type)).toEqual(['ClioConnected', 'ClioConnected']);
  });
});
