import { AppRegistry } from './registered-app';
import { checkAuthorize, decideConsent } from './authorize';
import { redirectUriMatches } from './redirect-uri';

const apps = new AppRegistry('us', [
  { clientId: 'cid', clientSecret: 's', name: 'T', redirectUris: ['https://app.example/cb', 'http://127.0.0.1/cb'] },
]);

describe('checkAuthorize', () => {
  it('shows an error page for an unknown client or an unregistered redirect URI', () => {
    expect(
      checkAuthorize({ client_id: 'x', redirect_uri: 'https://app.example/cb', response_type: 'code' }, apps).kind,
    ).toBe('error_page');
    expect(
      checkAuthorize({ client_id: 'cid', redirect_uri: 'https://evil.example/cb', response_type: 'code' }, apps).kind,
    ).toBe('error_page');
  });

  it('redirects unsupported response types back with the state', () => {
    const r = checkAuthorize(
      { client_id: 'cid', redirect_uri: 'https://app.example/cb', response_type: 'token', state: 's1' },
      apps,
    );
    expect(r).toEqual({
      kind: 'redirect',
      location: 'https://app.example/cb?error=unsupported_response_type&state=s1',
    });
  });

  it('asks for consent for a valid request', () => {
    const r = checkAuthorize({ client_id: 'cid', redirect_uri: 'https://app.example/cb', response_type: 'code' }, apps);
    expect(r.kind).toBe('consent');
  });
});

describe('decideConsent', () => {
  const p = { redirect_uri: 'https://app.example/cb', state: 'xyz' };
  it('approval redirects with code and state', () => {
    expect(decideConsent(true, p, () => 'C1')).toEqual({
      kind: 'redirect',
      location: 'https://app.example/cb?code=C1&state=xyz',
    });
  });
  it('decline redirects only with redirect_on_decline=true, else a 400 page', () => {
    const issue = jest.fn(() => 'never');
    expect(decideConsent(false, { ...p, redirect_on_decline: 'true' }, issue)).toEqual({
      kind: 'redirect',
      location: 'https://app.example/cb?error=access_denied&state=xyz',
    });
    expect(decideConsent(false, p, issue)).toMatchObject({ kind: 'error_page', status: 400 });
    expect(issue).not.toHaveBeenCalled();
  });
});

describe('redirectUriMatches', () => {
  it('matches exactly, and loopback http on any port', () => {
    expect(redirectUriMatches(['http://127.0.0.1/cb'], 'http://127.0.0.1:43123/cb')).toBe(true);
    expect(redirectUriMatches(['http://127.0.0.1/cb'], 'http://127.0.0.1:43123/other')).toBe(false);
    expect(redirectUriMatches(['https://app.example/cb'], 'https://app.example:8443/cb')).toBe(false);
  });
});
