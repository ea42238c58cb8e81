import type { Kysely } from 'kysely';
import type { NatsConnection } from '@nats-io/nats-core';
import type { Logger } from 'pino';
import type { Keyring, TokenService } from '@sf/token-vault';
import type { ClioAppConfig } from './clio/clio-endpoints';
import type { ClioOAuthClient } from './clio/clio-oauth-client';
import type { AuthServiceDb } from './schema/auth-service-schema';

/** Everything the use cases need, built once by startAuthService and handed to controllers, the RPC and the timer. */
export interface AuthDeps {
  db: Kysely<AuthServiceDb>;
  nc: NatsConnection;
  tokens: TokenService<AuthServiceDb>;
  clio: ClioOAuthClient;
  app: ClioAppConfig;
  keyring: Keyring;
  stateSecret: Buffer;
  /** Lifetime of a pending authorisation, in ms. */
  stateTtlMs: number;
  /** Our redirect URI as registered with Clio (the callback route's public URL). */
  callbackUrl: string;
  /** Where a browser goes after a successful connect; unset = answer with JSON. */
  successUrl?: string;
  /** Longest wait for the firm's token lock (a refresh or disconnect in flight), in ms. */
  lockTimeoutMs: number;
  clock: () => Date;
  log: Logger;
}

/** Nest injection token of {@link AuthDeps}. */
export const AUTH_DEPS = Symbol('auth-service:deps');
