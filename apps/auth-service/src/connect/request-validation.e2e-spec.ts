import { uniqueName } from '@sf/testing';
import { AuthHarness, CLIO_APP } from '../testing/auth-service-harness';
import { Routes } from '../wire-names';

/** The global ValidationPipe with the route DTOs: bad or unknown input is a 400 whose single message names the field. */
describe('auth service: request validation (e2e)', () => {
  let h: AuthHarness;

  beforeAll(async () => {
    h = await AuthHarness.start();
  });
  afterAll(async () => {
    await h?.close();
  });

  const firmId = uniqueName('firm');
  const authorize = (query: string) =>
    h.api(`${Routes.authorize}?${query}`, { jwt: h.jwt(firmId), accept: 'application/json' });
  const statesOfFirm = () => h.t.db.selectFrom('oauth_states').select('nonce').where('firm_id', '=', firmId).execute();

  it('authorize: an unknown query parameter is a 400 naming it, and nothing is started', async () => {
    const r = await authorize('region=us&scope=everything');
    expect(r).toMatchObject({
      status: 400,
      body: { statusCode: 400, error: 'Bad Request', message: 'property scope should not exist' },
    });
    expect(await statesOfFirm()).toEqual([]);
  });

  it('authorize: a bad, missing or repeated region is a 400 naming region', async () => {
    for (const q of ['region=mars', 'region=US', 'region=', 'region=us&region=eu', 'other=1']) {
      const r = await authorize(q);
      expect(r.status).toBe(400);
      expect(r.body['message']).toEqual(expect.stringContaining('region must be one of us, eu, ca, au'));
    }
    expect(await statesOfFirm()).toEqual([]);
    expect((await authorize('region=au')).status).toBe(200);
    expect(await statesOfFirm()).toHaveLength(1);
  });

  it('callback: accepts exactly what Clio sends (error_description included); an unknown or repeated parameter is a 400 naming it', async () => {
    const state = new URL(await h.authorizeUrl(uniqueName('firm'), 'us')).searchParams.get('state')!;
    const declined = new URLSearchParams({
      state,
      error: 'access_denied',
      error_description: 'The resource owner denied the request.',
    });
    const r = await h.api(`${Routes.callback}?${declined.toString()}`, { accept: 'application/json' });
    expect(r).toMatchObject({ status: 400, body: { reason: 'declined' } });
    expect(await h.api(`${Routes.callback}?state=x&code=y&scope=z`)).toMatchObject({
      status: 400,
      body: { message: 'property scope should not exist' },
    });
    expect(await h.api(`${Routes.callback}?state=x&state=y&code=y`)).toMatchObject({
      status: 400,
      body: { message: 'state must be a string' },
    });
  });

  it('deauthorize-callback: an unknown field or a malformed user_id is a 400 naming it', async () => {
    const ok = { client_id: CLIO_APP.clientId, user_id: 42, access_token: 'all' };
    const post = (json: unknown) => h.api(Routes.deauthorizeCallback, { method: 'POST', json });
    expect(await post(ok)).toMatchObject({ status: 200, body: { revoked: 0, ignored: 0 } });
    expect(await post({ ...ok, user_id: '42' })).toMatchObject({ status: 200 });
    expect(await post({ ...ok, extra: 1 })).toMatchObject({
      status: 400,
      body: { message: 'property extra should not exist' },
    });
    expect(await post({ ...ok, user_id: 'x' })).toMatchObject({
      status: 400,
      body: { message: 'user_id must be a number or a string of digits' },
    });
    expect(await post({ ...ok, access_token: '' })).toMatchObject({
      status: 400,
      body: { message: expect.stringContaining('access_token') },
    });
  });
});
