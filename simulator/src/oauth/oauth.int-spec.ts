import { waitFor } from '@sf/testing';
import { ManualClock } from '../clock';
import { createSimulator, type Simulator } from '../simulator';
import { startTestReceiver, type TestReceiver } from '../webhooks/test-receiver';
import { INVALID_TOKEN_BODY } from '../server/default-middleware';

const APP = {
  clientId: 'int-client',
  clientSecret: 'int-secret',
  name: 'Int App',
  redirectUris: ['http://127.0.0.1/cb'],
};
const REDIRECT = 'http://127.0.0.1:9/cb';

const form = (o: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(o).toString(),
});

describe('OAuth (in-process simulator)', () => {
  let sim: Simulator;
  let clock: ManualClock;
  let callbacks: TestReceiver;

  beforeAll(async () => {
    callbacks = await startTestReceiver(() => ({ status: 200 }));
    clock = new ManualClock(Date.UTC(2025, 0, 4, 12)); // a Saturday: no peak-hour surprises
    sim = await createSimulator({
      seed: 2,
      counts: {
        users: 3,
        contacts: 4,
        matters: 2,
        calendar_entries: 1,
        tasks: 1,
        documents: 1,
        activities: 1,
        custom_fields_per_parent: 12,
        folders_per_matter: 0,
      },
      clock,
      regions: ['us', 'eu'],
      rateLimit: false,
      oauth: {
        apps: [{ ...APP, deauthorizationCallbackUrl: `${callbacks.origin}/deauth` }],
        accessTokenTtlSeconds: 3600,
      },
    });
  });
  afterAll(async () => {
    await sim.close();
    await callbacks.close();
  });
  beforeEach(async () => {
    await sim.edge.reset();
    callbacks.requests.length = 0;
  });

  const api = (token: string | undefined, region: 'us' | 'eu' = 'us') =>
    fetch(`${sim.baseUrl(region)}/webhooks.json`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

  const token = async (params: Record<string, string>, region: 'us' | 'eu' = 'us') => {
    const res = await fetch(`${sim.oauthBaseUrl(region)}/token`, form(params));
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };

  const authorizeUrl = (extra: Record<string, string> = {}) =>
    `${sim.oauthBaseUrl()}/authorize?${new URLSearchParams({ response_type: 'code', client_id: APP.clientId, redirect_uri: REDIRECT, state: 'st8', ...extra })}`;

  const codeViaPage = async (): Promise<string> => {
    const page = await fetch(authorizeUrl());
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('value="approve"');
    const res = await fetch(`${sim.oauthBaseUrl()}/authorize`, {
      ...form({
        response_type: 'code',
        client_id: APP.clientId,
        redirect_uri: REDIRECT,
        state: 'st8',
        decision: 'approve',
      }),
      redirect: 'manual',
    });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location') ?? '');
    expect(location.searchParams.get('state')).toBe('st8');
    return location.searchParams.get('code') ?? '';
  };

  const exchange = (code: string) =>
    token({
      grant_type: 'authorization_code',
      client_id: APP.clientId,
      client_secret: APP.clientSecret,
      code,
      redirect_uri: REDIRECT,
    });

  it('runs the full code flow through the approval page and authorizes API calls', async () => {
    expect((await api(undefined)).status).toBe(401);
    const t = await exchange(await codeViaPage());
    expect(t.status).toBe(200);
    expect(t.body).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
    expect((await api(String(t.body.access_token))).status).toBe(200);
    expect((await exchange('reused-or-unknown')).body.error).toBe('invalid_grant');
  });

  it('codes are single use and expire after 10 minutes', async () => {
    const code = await codeViaPage();
    expect((await exchange(code)).status).toBe(200);
    expect((await exchange(code)).body).toMatchObject({ error: 'invalid_grant' });
    const late = await codeViaPage();
    clock.advance(10 * 60_000);
    expect((await exchange(late)).body).toMatchObject({ error: 'invalid_grant' });
  });

  it('declines with a 400 page, or redirects when redirect_on_decline=true', async () => {
    const decline = (extra: Record<string, string>) =>
      fetch(`${sim.oauthBaseUrl()}/authorize`, {
        ...form({
          response_type: 'code',
          client_id: APP.clientId,
          redirect_uri: REDIRECT,
          state: 's',
          decision: 'decline',
          ...extra,
        }),
        redirect: 'manual',
      });
    expect((await decline({})).status).toBe(400);
    const r = await decline({ redirect_on_decline: 'true' });
    expect(r.status).toBe(302);
    expect(r.headers.get('location')).toBe(`${REDIRECT}?error=access_denied&state=s`);
  });

  it('auto-approve redirects at once, as the bound user', async () => {
    sim.edge.oauth.autoApprove = { enabled: true, userId: 42 };
    const res = await fetch(authorizeUrl(), { redirect: 'manual' });
    expect(res.status).toBe(302);
    const code = new URL(res.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const t = await exchange(code);
    const grant = sim.edge.oauth.region('us').tokens.authenticate(String(t.body.access_token), clock.now());
    expect(grant).toMatchObject({ ok: true, grant: { userId: 42, clientId: APP.clientId } });
  });

  it('refresh tokens do not rotate and outlive access-token expiry', async () => {
    const t = await exchange(await codeViaPage());
    const access = String(t.body.access_token);
    clock.advance(3600_000);
    const expired = await api(access);
    expect(expired.status).toBe(401);
    expect(await expired.json()).toEqual(INVALID_TOKEN_BODY);
    const refresh = {
      grant_type: 'refresh_token',
      client_id: APP.clientId,
      client_secret: APP.clientSecret,
      refresh_token: String(t.body.refresh_token),
    };
    const r1 = await token(refresh);
    const r2 = await token(refresh);
    expect(r1.body.refresh_token).toBe(t.body.refresh_token);
    expect(r2.status).toBe(200);
    expect((await api(String(r1.body.access_token))).status).toBe(200);
  });

  it('app deauthorization revokes one access token and calls back with that token', async () => {
    const t = await exchange(await codeViaPage());
    const access = String(t.body.access_token);
    const res = await fetch(`${sim.oauthBaseUrl()}/deauthorize`, {
      ...form({ token: access }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${access}` },
    });
    expect(res.status).toBe(200);
    expect((await api(access)).status).toBe(401);
    await waitFor(
      () => callbacks.requests.length,
      (n) => n === 1,
    );
    expect(JSON.parse(callbacks.requests[0].body)).toEqual({
      client_id: APP.clientId,
      user_id: sim.edge.oauth.defaultUserId(),
      access_token: access,
    });
    const refreshed = await token({
      grant_type: 'refresh_token',
      client_id: APP.clientId,
      client_secret: APP.clientSecret,
      refresh_token: String(t.body.refresh_token),
    });
    expect(refreshed.status).toBe(200);
  });

  it('a user revoke kills access and refresh tokens and calls back with "all"', async () => {
    const issued = sim.edge.issueToken({ clientId: APP.clientId, userId: 7 });
    sim.edge.oauth.revokeUser('us', APP.clientId, 7);
    expect((await api(issued.access_token)).status).toBe(401);
    const refreshed = await token({
      grant_type: 'refresh_token',
      client_id: APP.clientId,
      client_secret: APP.clientSecret,
      refresh_token: issued.refresh_token,
    });
    expect(refreshed.body).toMatchObject({ error: 'invalid_grant' });
    await sim.edge.settle();
    expect(callbacks.requests.map((r) => JSON.parse(r.body))).toEqual([
      { client_id: APP.clientId, user_id: 7, access_token: 'all' },
    ]);
  });

  it('users/who_am_i answers with the user the token was issued for', async () => {
    const users = [...sim.store.table('users').ascending()].map((u) => u.id);
    for (const userId of users.slice(0, 2)) {
      const { access_token: t } = sim.edge.issueToken({ clientId: APP.clientId, userId });
      const res = await fetch(`${sim.baseUrl()}/users/who_am_i.json?fields=id`, {
        headers: { authorization: `Bearer ${t}` },
      });
      expect(await res.json()).toEqual({ data: { id: userId } });
    }
  });

  it('another region knows neither the app nor its tokens', async () => {
    const code = await codeViaPage();
    const wrong = await token(
      {
        grant_type: 'authorization_code',
        client_id: APP.clientId,
        client_secret: APP.clientSecret,
        code,
        redirect_uri: REDIRECT,
      },
      'eu',
    );
    expect(wrong).toEqual({ status: 401, body: expect.objectContaining({ error: 'invalid_client' }) });
    const issued = sim.edge.issueToken();
    expect((await api(issued.access_token, 'eu')).status).toBe(401);
    expect((await api(issued.access_token, 'us')).status).toBe(200);
  });
});
