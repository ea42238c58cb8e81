import { readFileSync } from 'node:fs';
import { credsAuthenticator, type ConnectionOptions } from '@nats-io/nats-core';

/**
 * Who a process is on the bus and how it reaches the server: a user and password (the generated config's users,
 * `NATS_USER` + `NATS_PASSWORD` or `NATS_PASSWORD_FILE`), or a `.creds` file (JWT + NKey, operator mode,
 * `NATS_CREDS`); TLS files for a server that requires TLS. No identity at all connects anonymously, which only an
 * open server (a developer's plain `nats-server -js`) accepts.
 */
export interface NatsIdentity {
  user?: string;
  password?: string;
  /** Path of a `.creds` file (decentralized auth); exclusive of user/password. */
  credsFile?: string;
  tls?: NatsTlsFiles;
  /**
   * Prefix of this client's reply subjects. The locked configuration lets each user subscribe only under
   * `_INBOX.<user>.>`, so nobody can read another client's replies (a token RPC reply carries an access token).
   * Default `_INBOX.<user>` when a user is set, the client's `_INBOX` otherwise.
   */
  inboxPrefix?: string;
}

export interface NatsTlsFiles {
  /** CA bundle that signed the server's certificate. */
  caFile?: string;
  /** Client certificate and key, for servers that verify clients (`verify: true`). */
  certFile?: string;
  keyFile?: string;
}

/** Environment variables of the NATS identity (docs/architecture.md, "A locked bus"). */
export const NatsIdentityEnv = {
  user: 'NATS_USER',
  password: 'NATS_PASSWORD',
  passwordFile: 'NATS_PASSWORD_FILE',
  credsFile: 'NATS_CREDS',
  tlsCa: 'NATS_TLS_CA',
  tlsCert: 'NATS_TLS_CERT',
  tlsKey: 'NATS_TLS_KEY',
  inboxPrefix: 'NATS_INBOX_PREFIX',
} as const;

/** The per-user reply prefix the locked configuration grants (`_INBOX.<user>.>`). */
export const inboxPrefixOf = (user: string): string => `_INBOX.${user}`;

const set = (env: NodeJS.ProcessEnv, name: string): string | undefined => env[name] || undefined;

/**
 * The identity from the environment. A password file (a mounted secret) is read here, once; a problem names the
 * variable, never a value.
 */
export const natsIdentityFromEnv = (env: NodeJS.ProcessEnv = process.env): NatsIdentity => {
  const E = NatsIdentityEnv;
  const user = set(env, E.user);
  let password = set(env, E.password);
  const passwordFile = set(env, E.passwordFile);
  if (passwordFile !== undefined) {
    try {
      password = readFileSync(passwordFile, 'utf8').trim();
    } catch {
      throw new Error(`${E.passwordFile} names a file that cannot be read`);
    }
  }
  const credsFile = set(env, E.credsFile);
  if (credsFile !== undefined && user !== undefined)
    throw new Error(`set either ${E.credsFile} or ${E.user}, not both`);
  if ((user === undefined) !== (password === undefined))
    throw new Error(`${E.user} and ${E.password} (or ${E.passwordFile}) go together`);
  const tls: NatsTlsFiles = {
    ...(set(env, E.tlsCa) ? { caFile: set(env, E.tlsCa) } : {}),
    ...(set(env, E.tlsCert) ? { certFile: set(env, E.tlsCert) } : {}),
    ...(set(env, E.tlsKey) ? { keyFile: set(env, E.tlsKey) } : {}),
  };
  if ((tls.certFile === undefined) !== (tls.keyFile === undefined))
    throw new Error(`${E.tlsCert} and ${E.tlsKey} go together`);
  const inboxPrefix = set(env, E.inboxPrefix);
  return {
    ...(user !== undefined ? { user, password } : {}),
    ...(credsFile !== undefined ? { credsFile } : {}),
    ...(Object.keys(tls).length > 0 ? { tls } : {}),
    ...(inboxPrefix !== undefined ? { inboxPrefix } : {}),
  };
};

/** The client options of an identity. */
export const connectionOptionsOf = (id: NatsIdentity): Partial<ConnectionOptions> => {
  const inboxPrefix = id.inboxPrefix ?? (id.user !== undefined ? inboxPrefixOf(id.user) : undefined);
  return {
    ...(id.user !== undefined ? { user: id.user, pass: id.password } : {}),
    ...(id.credsFile !== undefined ? { authenticator: credsAuthenticator(readFileSync(id.credsFile)) } : {}),
    ...(id.tls !== undefined ? { tls: { ...id.tls } } : {}),
    ...(inboxPrefix !== undefined ? { inboxPrefix } : {}),
  };
};
