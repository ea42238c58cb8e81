import { DEFAULT_RENEWAL_POLICY as P, decideSubscription } from './renewal-policy';

const NOW = new Date('2026-12-01T00:00:00Z');
const inDays = (d: number) => new Date(NOW.getTime() + d * 86_400_000);

describe('decideSubscription', () => {
  it('replaces a webhook Clio no longer has, or one it suspended', () => {
    expect(decideSubscription({ found: false }, NOW, P)).toBe('replace_missing');
    expect(decideSubscription({ found: true, status: 'suspended', expiresAt: inDays(20) }, NOW, P)).toBe(
      'replace_suspended',
    );
  });

  it('replaces one that expired, renews one close to expiry, keeps the rest', () => {
    expect(decideSubscription({ found: true, status: 'enabled', expiresAt: inDays(0) }, NOW, P)).toBe(
      'replace_missing',
    );
    expect(decideSubscription({ found: true, status: 'enabled', expiresAt: inDays(6.9) }, NOW, P)).toBe('renew');
    expect(decideSubscription({ found: true, status: 'enabled', expiresAt: inDays(7.1) }, NOW, P)).toBe('keep');
  });

  it('confirms a webhook whose handshake did not complete', () => {
    expect(decideSubscription({ found: true, status: 'pending', expiresAt: inDays(30) }, NOW, P)).toBe('activate');
  });
});
