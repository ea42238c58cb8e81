import { REDACTED, redactUrl } from './redaction';

describe('redactUrl', () => {
  it('blanks the OAuth callback code and state and keeps the rest', () => {
    expect(redactUrl('/connections/clio/callback?code=abc&state=v1.xyz&error=access_denied')).toBe(
      `/connections/clio/callback?code=${REDACTED}&state=${REDACTED}&error=access_denied`,
    );
  });

  it('matches parameter names case-insensitively and percent-encoded, and leaves URLs without a query alone', () => {
    expect(redactUrl('/x?Access_Token=t1&%63ode=c1&region=us')).toBe(
      `/x?Access_Token=${REDACTED}&%63ode=${REDACTED}&region=us`,
    );
    expect(redactUrl('/health/ready')).toBe('/health/ready');
    expect(redactUrl('/x?token')).toBe(`/x?token=${REDACTED}`);
  });
});
