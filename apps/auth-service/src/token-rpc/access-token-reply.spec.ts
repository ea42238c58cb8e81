import { parseAccessTokenRequest, toAccessTokenReply } from './access-token-reply';

const base = (region: string) => `https://${region}.example/api/v4`;

describe('access-token RPC wire mapping', () => {
  it('parses a request with and without a rejected token, and refuses anything else', () => {
    expect(parseAccessTokenRequest('{"firmId":"firm-1"}')).toEqual({ firmId: 'firm-1' });
    expect(parseAccessTokenRequest('{"firmId":"firm-1","rejectedToken":"t"}')).toEqual({
      firmId: 'firm-1',
      rejectedToken: 't',
    });
    for (const bad of [
      '',
      'null',
      '[]',
      '{"firmId":""}',
      '{"firmId":"a b"}',
      '{"firmId":"f","rejectedToken":""}',
      '{"firmId":"f","rejectedToken":5}',
    ]) {
      expect(parseAccessTokenRequest(bad)).toBeNull();
    }
  });

  it('parses unauthorizedAfterRefresh as a boolean or absent, and refuses any other value', () => {
    expect(parseAccessTokenRequest('{"firmId":"firm-1","rejectedToken":"t","unauthorizedAfterRefresh":true}')).toEqual({
      firmId: 'firm-1',
      rejectedToken: 't',
      unauthorizedAfterRefresh: true,
    });
    expect(parseAccessTokenRequest('{"firmId":"firm-1","rejectedToken":"t","unauthorizedAfterRefresh":false}')).toEqual(
      { firmId: 'firm-1', rejectedToken: 't' },
    );
    expect(parseAccessTokenRequest('{"firmId":"firm-1","unauthorizedAfterRefresh":true}')).toEqual({
      firmId: 'firm-1',
      unauthorizedAfterRefresh: true,
    });
    for (const bad of ['"true"', '1', 'null', '{}']) {
      expect(
        parseAccessTokenRequest(`{"firmId":"f","rejectedToken":"t","unauthorizedAfterRefresh":${bad}}`),
      ).toBeNull();
    }
  });

  it("maps a granted token with the region's API base and an ISO expiry", () => {
    const expiresAt = new Date('2026-01-02T03:04:05.000Z');
    expect(
      toAccessTokenReply({ ok: true, accessToken: 'tok', expiresAt, connectionId: 'c-1', region: 'ca' }, base),
    ).toEqual({
      ok: true,
      accessToken: 'tok',
      expiresAt: '2026-01-02T03:04:05.000Z',
      region: 'ca',
      apiBaseUrl: 'https://ca.example/api/v4',
      connectionId: 'c-1',
    });
  });

  it('maps every failure to its wire reason with a message', () => {
    expect(toAccessTokenReply({ ok: false, reason: 'not_connected' }, base)).toMatchObject({
      ok: false,
      reason: 'not_connected',
    });
    expect(toAccessTokenReply({ ok: false, reason: 'revoked', connectionId: 'c' }, base)).toMatchObject({
      ok: false,
      reason: 'revoked',
    });
    expect(
      toAccessTokenReply({ ok: false, reason: 'needs_reauth', connectionId: 'c', markedNow: true }, base),
    ).toMatchObject({
      ok: false,
      reason: 'needs_reauth',
      message: expect.stringContaining('connect Clio again'),
    });
    expect(
      toAccessTokenReply({ ok: false, reason: 'unavailable', detail: 'token endpoint answered 503' }, base),
    ).toEqual({
      ok: false,
      reason: 'unavailable',
      message: 'no usable token right now (token endpoint answered 503); retry later',
    });
  });
});
