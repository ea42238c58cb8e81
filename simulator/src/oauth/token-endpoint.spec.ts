import { AppRegistry, type RegisteredApp } from './registered-app';
import { TokenStore } from './token-store';
import { basicCredentials, decideTokenRequest } from './token-endpoint';
import { AUTHORIZATION_CODE_TTL_MS } from './oauth-wire';

const app: RegisteredApp = {
  clientId: 'cid',
  clientSecret: 'secret',
  name: 'Test',
  redirectUris: ['https://app.example/cb', 'http://127.0.0.1/cb'],
};
const T0 = Date.UTC(2025, 0, 6, 12);

const setup = () => {
  let n = 0;
  const tokens = new TokenStore(() => `tok${++n}`);
  const apps = new AppRegistry('us', [app]);
  const deps = { apps, tokens, ttlSeconds: 3600 };
  const code = tokens.issueCode({ clientId: 'cid', redirectUri: 'https://app.example/cb', userId: 7 }, T0);
  return { tokens, apps, deps, code };
};

const codeReq = (code: string) => ({
  grant_type: 'authorization_code',
  client_id: 'cid',
  client_secret: 'secret',
  code,
  redirect_uri: 'https://app.example/cb',
});

describe('decideTokenRequest', () => {
  it('exchanges a code once for a bearer token pair with the configured lifetime', () => {
    const { deps, code } = setup();
    const r = decideTokenRequest(codeReq(code), deps, T0 + 1000);
    expect(r).toMatchObject({ ok: true, body: { token_type: 'bearer', expires_in: 3600 } });
    expect(decideTokenRequest(codeReq(code), deps, T0 + 2000)).toEqual({ ok: false, error: 'invalid_grant' });
  });

  it('rejects a code after 10 minutes', () => {
    const { deps, code } = setup();
    expect(decideTokenRequest(codeReq(code), deps, T0 + AUTHORIZATION_CODE_TTL_MS)).toEqual({
      ok: false,
      error: 'invalid_grant',
    });
  });

  it('rejects a redirect_uri different from the one the code was issued for', () => {
    const { deps, code } = setup();
    const r = decideTokenRequest({ ...codeReq(code), redirect_uri: 'http://127.0.0.1/cb' }, deps, T0);
    expect(r).toEqual({ ok: false, error: 'invalid_grant' });
  });

  it('answers invalid_client for a wrong secret or an app of another region, before looking at the grant', () => {
    const { deps, code } = setup();
    expect(decideTokenRequest({ ...codeReq(code), client_secret: 'nope' }, deps, T0)).toEqual({
      ok: false,
      error: 'invalid_client',
    });
    const eu = new AppRegistry('eu', [{ ...app, region: 'us' }]);
    expect(decideTokenRequest(codeReq('garbage'), { ...deps, apps: eu }, T0)).toEqual({
      ok: false,
      error: 'invalid_client',
    });
  });

  it('refreshes with a reusable refresh token and keeps it until the user revokes', () => {
    const { deps, code, tokens } = setup();
    const first = decideTokenRequest(codeReq(code), deps, T0);
    if (!first.ok) throw new Error('exchange failed');
    const refresh = {
      grant_type: 'refresh_token',
      client_id: 'cid',
      client_secret: 'secret',
      refresh_token: first.body.refresh_token,
    };
    const a = decideTokenRequest(refresh, deps, T0 + 10);
    const b = decideTokenRequest(refresh, deps, T0 + 20);
    expect(
      a.ok && b.ok && a.body.refresh_token === first.body.refresh_token && a.body.access_token !== b.body.access_token,
    ).toBe(true);
    tokens.revokeUser('cid', 7);
    expect(decideTokenRequest(refresh, deps, T0 + 30)).toEqual({ ok: false, error: 'invalid_grant' });
  });

  it('names unsupported and missing grant types', () => {
    const { deps } = setup();
    expect(decideTokenRequest({ grant_type: 'client_credentials' }, deps, T0)).toEqual({
      ok: false,
      error: 'unsupported_grant_type',
    });
    expect(decideTokenRequest({}, deps, T0)).toEqual({ ok: false, error: 'invalid_request' });
  });
});

describe('TokenStore.authenticate', () => {
  it('tells unknown, expired and revoked tokens apart', () => {
    const { tokens } = setup();
    const g = tokens.mint({ clientId: 'cid', userId: 7, ttlSeconds: 60 }, T0);
    expect(tokens.authenticate(g.accessToken, T0 + 59_999)).toMatchObject({ ok: true, grant: { userId: 7 } });
    expect(tokens.authenticate(g.accessToken, T0 + 60_000)).toEqual({ ok: false, reason: 'expired' });
    expect(tokens.authenticate('nope', T0)).toEqual({ ok: false, reason: 'unknown' });
    tokens.revokeAccessToken(g.accessToken);
    expect(tokens.authenticate(g.accessToken, T0)).toEqual({ ok: false, reason: 'revoked' });
  });

  it('app deauthorization revokes one access token but not its refresh token or siblings', () => {
    const { tokens, deps } = setup();
    const g = tokens.mint({ clientId: 'cid', userId: 7, ttlSeconds: 60 }, T0);
    const sibling = tokens.refreshGrant({ clientId: 'cid', refreshToken: g.refreshToken, ttlSeconds: 60 }, T0);
    tokens.revokeAccessToken(g.accessToken);
    expect(sibling.ok && tokens.authenticate(sibling.grant.accessToken, T0).ok).toBe(true);
    const again = decideTokenRequest(
      { grant_type: 'refresh_token', client_id: 'cid', client_secret: 'secret', refresh_token: g.refreshToken },
      deps,
      T0,
    );
    expect(again.ok).toBe(true);
  });
});

describe('basicCredentials', () => {
  it('decodes HTTP Basic client credentials', () => {
    const h = `Basic ${Buffer.from('cid:sec:ret').toString('base64')}`;
    expect(basicCredentials(h)).toEqual({ client_id: 'cid', client_secret: 'sec:ret' });
    expect(basicCredentials('Bearer x')).toBeUndefined();
  });
});
