import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connectionOptionsOf, natsIdentityFromEnv } from './nats-identity';

describe('NATS identity from the environment', () => {
  it('is anonymous without variables (an open server)', () => {
    expect(natsIdentityFromEnv({})).toEqual({});
    expect(connectionOptionsOf({})).toEqual({});
  });

  it('reads a user with a password or a password file, and scopes replies under the user', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sf-identity-'));
    writeFileSync(path.join(dir, 'pw'), 'from-file\n');
    expect(natsIdentityFromEnv({ NATS_USER: 'relay', NATS_PASSWORD: 'p' })).toEqual({ user: 'relay', password: 'p' });
    const id = natsIdentityFromEnv({ NATS_USER: 'relay', NATS_PASSWORD_FILE: path.join(dir, 'pw') });
    expect(id).toEqual({ user: 'relay', password: 'from-file' });
    expect(connectionOptionsOf(id)).toEqual({ user: 'relay', pass: 'from-file', inboxPrefix: '_INBOX.relay' });
  });

  it('reads TLS files and names a bad combination without any value', () => {
    expect(natsIdentityFromEnv({ NATS_TLS_CA: '/ca.pem' })).toEqual({ tls: { caFile: '/ca.pem' } });
    expect(() => natsIdentityFromEnv({ NATS_USER: 'relay' })).toThrow('NATS_USER and NATS_PASSWORD');
    expect(() => natsIdentityFromEnv({ NATS_TLS_CERT: '/c.pem' })).toThrow('NATS_TLS_CERT and NATS_TLS_KEY');
    expect(() =>
      natsIdentityFromEnv({ NATS_CREDS: '/x.creds', NATS_USER: 'u', NATS_PASSWORD: 'secret-value' }),
    ).toThrow(/^set either NATS_CREDS or NATS_USER, not both$/);
    expect(() => natsIdentityFromEnv({ NATS_USER: 'u', NATS_PASSWORD_FILE: '/nope/secret-value' })).toThrow(
      'NATS_PASSWORD_FILE names a file that cannot be read',
    );
  });
});
