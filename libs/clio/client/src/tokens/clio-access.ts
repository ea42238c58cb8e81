import type { NatsConnection } from '@nats-io/nats-core';
import { RpcSubjects } from '@sf/contracts';
import { rebaseSubject } from '@sf/messaging';
import type { ClioClientOptions, TokenProvider } from '../types';
import { createNatsTokenProvider } from './nats-token-provider';

/** How a service that calls Clio gets its tokens and tunes its client. */
export interface ClioAccessConfig {
  /** Subject of the auth service's access-token RPC; default `RpcSubjects.accessToken` in the service's namespace. */
  tokenSubject?: string;
  /** Token provider replacing the NATS one (in-process tests). */
  tokens?: TokenProvider;
  /** Clio client options. */
  client?: Pick<ClioClientOptions, 'retry' | 'maxWaitMs' | 'requestTimeoutMs' | 'reserveShare'>;
}

/** `<PREFIX>_TOKEN_SUBJECT` when set. */
export const clioAccessFromEnv = (env: NodeJS.ProcessEnv, prefix: string): ClioAccessConfig => {
  const tokenSubject = env[`${prefix}_TOKEN_SUBJECT`];
  return tokenSubject ? { tokenSubject } : {};
};

/** The configured provider, else tokens asked of the auth service over NATS in `namespace`. */
export const clioTokenProvider = (nc: NatsConnection, namespace: string, access: ClioAccessConfig): TokenProvider =>
  access.tokens ??
  createNatsTokenProvider(nc, { subject: access.tokenSubject ?? rebaseSubject(namespace, RpcSubjects.accessToken) });
