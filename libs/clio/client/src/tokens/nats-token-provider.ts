import type { NatsConnection } from '@nats-io/nats-core';
import { AccessTokenFailures, RpcSubjects, type AccessTokenReply, type AccessTokenRequest } from '@sf/contracts';
import type { TokenProvider } from '../types';
import { cachingTokenProvider, type TokenCacheOptions } from './token-cache';
import { parseAccessTokenReply } from './parse-reply';

export interface NatsTokenProviderOptions extends TokenCacheOptions {
  /** Request-reply timeout, ms. Default 5_000. */
  timeoutMs?: number;
  /** Subject to ask; default `RpcSubjects.accessToken`. Overridable so tests can run a responder on a unique subject. */
  subject?: string;
}

const DEFAULT_TIMEOUT_MS = 5_000;

/**
 * Tokens over core NATS request-reply from the auth service. No responders, a timeout, a dropped connection or
 * an unreadable reply all mean the auth service is unavailable right now: `{ ok:false, reason:'unavailable' }`.
 */
export function createNatsTokenProvider(nc: NatsConnection, opts: NatsTokenProviderOptions = {}): TokenProvider {
  const subject = opts.subject ?? RpcSubjects.accessToken;
  const timeout = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return cachingTokenProvider(async (firmId, { rejectedToken, unauthorizedAfterRefresh }) => {
    // Absent fields stay off the wire: the request is exactly what the caller asked.
    const request: AccessTokenRequest = {
      firmId,
      ...(rejectedToken === undefined ? {} : { rejectedToken }),
      ...(unauthorizedAfterRefresh === true ? { unauthorizedAfterRefresh } : {}),
    };
    try {
      const msg = await nc.request(subject, JSON.stringify(request), { timeout });
      return parseAccessTokenReply(msg.string()) ?? unavailable('auth service sent an unreadable reply');
    } catch (err) {
      return unavailable(`auth service did not answer (${err instanceof Error ? err.name : 'error'})`);
    }
  }, opts);
}

function unavailable(message: string): AccessTokenReply {
  return { ok: false, reason: AccessTokenFailures.unavailable, message };
}
