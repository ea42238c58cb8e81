import { sql } from 'kysely';
import { uniqueName } from '@sf/testing';
import { AuthHarness, CLIO_APP } from '../testing/auth-service-harness';
import { Routes } from '../wire-names';

const SUCCESS_URL = 'https://app.example/settings/clio';

/** A firm has nothing stored: no vault row, no connection event. */
const expectNothingStored = async (h: AuthHarness, firmId: string): Promise<void> => {
  expect(await h.t.db.selectFrom('clio_connections').select('firm_id').where('firm_id', '=', firmId).execute()).toEqual(
    [],
  );
  expect(await h.events(firmId)).toEqual([]);
};

describe('auth service: connecting a firm to Clio (e2e against the simulator)', () => {
  let h: AuthHarness;

  beforeAll(async () => {
    h = await AuthHarness.start({ successUrl: SUCCESS_URL });
  });
  afterAll(async () => {
    await h?.close();
  });
  afterEach(() => h.sim.edge.faults.clear());

  it('connects through Clio consent in the chosen region: sealed tokens, ClioConnected, who_am_i user, then the success page', async () => {
    const firmId = uniqueName('firm');
    const start = await h.api(`${Routes.authorize}?region=eu`, { jwt: h.jwt(firmId, 'user-7') });
    expect(start.status).toBe(302);
    const clioUrl = new URL(start.location!);
    expect(clioUrl.origin).toBe(h.sim.origin('eu'));
    expect(clioUrl.pathname).toBe('/oauth/authorize');
    expect(Object.fromEntries(clioUrl.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: CLIO_APP.clientId,
      redirect_uri: `${h.service.url}${Routes.callback}`,
      redirect_on_decline: 'true',
    });

    const callback = await h.approve(clioUrl.toString(), 3);
    expect(callback.startsWith(`${h.service.url}${Routes.callback}?`)).toBe(true);
    const done = await h.http(callback);
    expect(done.status).toBe(302);
    expect(done.location).toBe(`${SUCCESS_URL}?clio=connected&region=eu`);

    const row = await h.t.db
      .selectFrom('clio_connections')
      .selectAll()
      .where('firm_id', '=', firmId)
      .executeTakeFirstOrThrow();
    const tokens = (await h.vaultTokens(firmId))!;
    expect(row).toMatchObject({ status: 'active', region: 'eu', clio_user_id: '3', key_id: 'k1' });
    expect(row.access_token_enc).toMatch(/^v1\.k1\./);
    expect(JSON.stringify(row)).not.toContain(tokens.accessToken);
    expect(JSON.stringify(row)).not.toContain(tokens.refreshToken);
    expect(await h.clioAccepts(tokens.accessToken, 'eu')).toBe(200);

    const events = await h.events(firmId);
    expect(events.map((e) => [e.type, e.data])).toEqual([
      ['ClioConnected', { connectionId: row.connection_id, region: 'eu', clioUserId: '3', connectedBy: 'user-7' }],
    ]);
    expect(events[0]!.metadata.firmId).toBe(firmId);
    expect(await h.t.db.selectFrom('oauth_states').select('nonce').where('firm_id', '=', firmId).execute()).toEqual([]);

    const status = await h.api(Routes.connection, { jwt: h.jwt(firmId) });
    expect(status.body).toEqual({
      status: 'active',
      connectionId: row.connection_id,
      region: 'eu',
      clioUserId: '3',
      connectedAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
    });
  });

  it('speaks JSON to an SPA gateway: the authorize URL, and the connection with the Clio user and account names', async () => {
    const firmId = uniqueName('firm');
    const start = await h.api(`${Routes.authorize}?region=us`, { jwt: h.jwt(firmId), accept: 'application/json' });
    expect(start.status).toBe(200);
    expect(start.body).toEqual({
      authorizeUrl: expect.stringContaining(`${h.sim.origin('us')}/oauth/authorize?`),
      region: 'us',
      expiresAt: expect.any(String),
    });
    const ttl = Date.parse(String(start.body['expiresAt'])) - Date.now();
    expect(ttl).toBeGreaterThan(9 * 60_000);
    expect(ttl).toBeLessThanOrEqual(10 * 60_000 + 5_000);

    const done = await h.http(await h.approve(String(start.body['authorizeUrl']), 2), { accept: 'application/json' });
    expect(done.status).toBe(200);
    const user = h.sim.store.get('users', 2)!;
    expect(done.body).toEqual({
      status: 'connected',
      connectionId: expect.any(String),
      firmId,
      region: 'us',
      clioUserId: '2',
      clioUserName: user.name,
      clioAccountName: h.sim.store.lookups.account.name,
    });
  });

  it('refuses a tampered state without consuming the genuine one', async () => {
    const firmId = uniqueName('firm');
    const callback = new URL(await h.approve(await h.authorizeUrl(firmId, 'us'), 1));
    const state = callback.searchParams.get('state')!;
    const [payload, sig] = state.split('.') as [string, string];
    const forgedPayload = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), f: 'another-firm' }),
    ).toString('base64url');
    for (const bad of [
      `${forgedPayload}.${sig}`,
      `${payload}.${Buffer.alloc(32).toString('base64url')}`,
      'garbage',
      `${payload}`,
    ]) {
      const url = new URL(callback);
      url.searchParams.set('state', bad);
      const r = await h.http(url.toString(), { accept: 'application/json' });
      expect(r).toMatchObject({
        status: 400,
        body: { reason: 'invalid_state', message: 'the authorisation state is invalid' },
      });
    }
    await expectNothingStored(h, firmId);
    await expectNothingStored(h, 'another-firm');
    expect((await h.http(callback.toString(), { accept: 'application/json' })).status).toBe(200);
  });

  it('refuses a replayed state, and lets exactly one of several concurrent callbacks through', async () => {
    const firmId = uniqueName('firm');
    const callback = await h.approve(await h.authorizeUrl(firmId, 'us'), 1);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => h.http(callback, { accept: 'application/json' })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 400, 400, 400, 400]);
    const replay = await h.http(callback, { accept: 'application/json' });
    expect(replay).toMatchObject({
      status: 400,
      body: { reason: 'state_not_found', message: expect.stringContaining('already used') },
    });
    expect((await h.events(firmId)).map((e) => e.type)).toEqual(['ClioConnected']);
  });

  it('refuses an expired state and stores nothing', async () => {
    const firmId = uniqueName('firm');
    const callback = await h.approve(await h.authorizeUrl(firmId, 'us'), 1);
    // Ten minutes pass (the row's clock is Postgres').
    await sql`update oauth_states set expires_at = now() - interval '1 second' where firm_id = ${firmId}`.execute(
      h.t.db,
    );
    const r = await h.http(callback, { accept: 'application/json' });
    expect(r).toMatchObject({
      status: 400,
      body: { reason: 'state_not_found', message: expect.stringContaining('expired') },
    });
    await expectNothingStored(h, firmId);
  });

  it('refuses a code from another region than the one the authorisation started in', async () => {
    const firmId = uniqueName('firm');
    const euUrl = new URL(await h.authorizeUrl(firmId, 'eu'));
    const usUrl = `${h.sim.origin('us')}${euUrl.pathname}${euUrl.search}`;
    const r = await h.http(await h.approve(usUrl, 1), { accept: 'application/json' });
    expect(r).toMatchObject({
      status: 400,
      body: { reason: 'code_rejected', message: expect.stringContaining('Clio (eu) did not accept') },
    });
    await expectNothingStored(h, firmId);
  });

  it("answers 502 when Clio's token endpoint fails, and stores nothing", async () => {
    const firmId = uniqueName('firm');
    const callback = await h.approve(await h.authorizeUrl(firmId, 'us'), 1);
    h.sim.edge.faults.add({ kind: 'server_error', path: '/oauth/token', status: 503 }, h.clock.now());
    const r = await h.http(callback, { accept: 'application/json' });
    expect(r).toMatchObject({
      status: 502,
      body: {
        reason: 'token_endpoint_failed',
        message: "Clio's token endpoint (us) failed: token endpoint answered 503",
      },
    });
    await expectNothingStored(h, firmId);
  });

  it('reports a declined authorisation and burns its state', async () => {
    const firmId = uniqueName('firm');
    const clioUrl = new URL(await h.authorizeUrl(firmId, 'us'));
    const form = new URLSearchParams({ ...Object.fromEntries(clioUrl.searchParams), decision: 'decline' });
    const declined = await fetch(`${clioUrl.origin}${clioUrl.pathname}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
      redirect: 'manual',
    });
    expect(declined.status).toBe(302);
    const callback = declined.headers.get('location')!;
    expect(new URL(callback).searchParams.get('error')).toBe('access_denied');
    const r = await h.http(callback, { accept: 'application/json' });
    expect(r).toMatchObject({
      status: 400,
      body: { reason: 'declined', message: 'the Clio user declined the authorisation' },
    });
    expect((await h.http(callback, { accept: 'application/json' })).body['reason']).toBe('state_not_found');
    await expectNothingStored(h, firmId);
  });

  it('rejects an unknown region', async () => {
    for (const q of ['?region=mars', '']) {
      const r = await h.api(`${Routes.authorize}${q}`, { jwt: h.jwt('firm-x') });
      expect(r).toMatchObject({ status: 400, body: { message: 'region must be one of us, eu, ca, au' } });
    }
  });

  it('requires the gateway JWT everywhere except the callbacks and health', async () => {
    for (const [method, path] of [
      ['GET', `${Routes.authorize}?region=us`],
      ['GET', Routes.connection],
      ['DELETE', Routes.connection],
    ] as const) {
      const r = await h.api(path, { method });
      expect(r).toMatchObject({ status: 401, body: { message: 'missing bearer token' } });
    }
    expect(await h.api(Routes.live)).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await h.api(Routes.ready)).toMatchObject({
      status: 200,
      body: { status: 'ok', checks: { postgres: 'ok', nats: 'ok' } },
    });
    expect((await h.api(`${Routes.callback}?state=x&code=y`)).status).toBe(400);
    expect((await h.api(Routes.deauthorizeCallback, { method: 'POST', json: {} })).status).toBe(400);
  });

  it("keeps one firm's connection invisible to another firm", async () => {
    const a = uniqueName('firm');
    const b = uniqueName('firm');
    expect((await h.connect(a)).status).toBe(200);
    expect((await h.api(Routes.connection, { jwt: h.jwt(b) })).body).toEqual({ status: 'none' });
    expect(await h.api(Routes.connection, { method: 'DELETE', jwt: h.jwt(b) })).toMatchObject({
      status: 404,
      body: { message: 'clio connection not found' },
    });
    expect((await h.api(Routes.connection, { jwt: h.jwt(a) })).body['status']).toBe('active');
  });
});
