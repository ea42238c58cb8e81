import { classifyTokenResponse } from './clio-token-refresher';
import { tokensAfterRefresh } from './token-refresher';

describe('classifyTokenResponse', () => {
  it('returns the new tokens, with the refresh token only when Clio sent one', () => {
    expect(classifyTokenResponse(200, { access_token: 'a', expires_in: 3600, refresh_token: 'r' })).toEqual({
      kind: 'refreshed',
      accessToken: 'a',
      expiresIn: 3600,
      refreshToken: 'r',
    });
    expect(classifyTokenResponse(200, { access_token: 'a', expires_in: 3600 })).toEqual({
      kind: 'refreshed',
      accessToken: 'a',
      expiresIn: 3600,
    });
    expect(classifyTokenResponse(200, { access_token: 'a', expires_in: 3600, refresh_token: '' })).toEqual({
      kind: 'refreshed',
      accessToken: 'a',
      expiresIn: 3600,
    });
  });

  it('treats a 200 without usable fields as transient, without echoing the body', () => {
    const r = classifyTokenResponse(200, { access_token: 'secret-a', expires_in: 'soon' });
    expect(r.kind).toBe('transient');
    expect(JSON.stringify(r)).not.toContain('secret-a');
  });

  it('maps invalid_grant (and only that) to invalid_grant', () => {
    expect(classifyTokenResponse(400, { error: 'invalid_grant', error_description: 'revoked' })).toEqual({
      kind: 'invalid_grant',
    });
    expect(classifyTokenResponse(401, { error: 'invalid_client' })).toEqual({
      kind: 'transient',
      reason: 'token endpoint answered 401 invalid_client',
    });
    expect(classifyTokenResponse(503, null)).toEqual({ kind: 'transient', reason: 'token endpoint answered 503' });
    expect(classifyTokenResponse(500, { error: 'invalid_grant' })).toEqual({
      kind: 'transient',
      reason: 'token endpoint answered 500 invalid_grant',
    });
  });
});

describe('tokensAfterRefresh', () => {
  const current = { accessToken: 'a-old', refreshToken: 'r-old' };

  it('replaces the refresh token when Clio returned one', () => {
    expect(
      tokensAfterRefresh(current, { kind: 'refreshed', accessToken: 'a-new', expiresIn: 60, refreshToken: 'r-new' }),
    ).toEqual({ accessToken: 'a-new', refreshToken: 'r-new' });
  });

  it('keeps the stored refresh token when the answer has none (never loses it)', () => {
    expect(tokensAfterRefresh(current, { kind: 'refreshed', accessToken: 'a-new', expiresIn: 60 })).toEqual({
      accessToken: 'a-new',
      refreshToken: 'r-old',
    });
    expect(
      tokensAfterRefresh(current, { kind: 'refreshed', accessToken: 'a-new', expiresIn: 60, refreshToken: '' }),
    ).toEqual({ accessToken: 'a-new', refreshToken: 'r-old' });
  });
});
