import type { Msg, NatsConnection, Subscription } from '@nats-io/nats-core';
import type { Logger } from 'pino';
import type { AccessTokenReply, ClioRegion } from '@sf/contracts';
import { traceIdsOf, withLogContext } from '@sf/logging';
import { contextFromHeaders } from '@sf/telemetry';
import { TOKEN_RPC_QUEUE } from '../wire-names';
import { INTERNAL_ERROR_REPLY, MALFORMED_REQUEST_REPLY, parseAccessTokenRequest } from './access-token-reply';
import { answerAccessTokenRequest, type ClioRefuses, type TokenRpcVault } from './answer-access-token';

export interface AccessTokenResponderOptions {
  nc: NatsConnection;
  /** `sf.rpc.auth.access-token`, rebased onto the deployment's namespace. */
  subject: string;
  tokens: TokenRpcVault;
  apiBaseUrl: (region: ClioRegion) => string;
  /** Asks Clio whether it refuses a token, before a reported 401 marks a connection needs_reauth. */
  clioRefuses: ClioRefuses;
  log: Logger;
}

export interface AccessTokenResponder {
  /** Stops taking requests and waits for the ones in flight to be answered. */
  stop(): Promise<void>;
}

/**
 * Answers the access-token RPC in queue group `auth-service` (one replica answers each request). Core NATS only:
 * the reply carries a live token, so it goes to the requester's inbox and nowhere else, and is never logged.
 * A needs_reauth transition (refused refresh, or a reported 401 to a fresh token) appends its event inside the
 * vault's transaction (TokenService `onNeedsReauth`).
 */
export const startAccessTokenResponder = (o: AccessTokenResponderOptions): AccessTokenResponder => {
  const inflight = new Set<Promise<void>>();
  const answer = async (msg: Msg): Promise<void> => {
    const req = parseAccessTokenRequest(msg.string());
    let reply: AccessTokenReply;
    if (!req) {
      o.log.warn({ subject: o.subject }, 'malformed access-token request');
      reply = MALFORMED_REQUEST_REPLY;
    } else {
      reply = await answerAccessTokenRequest(o.tokens, req, o.apiBaseUrl, o.clioRefuses).catch((e: unknown) => {
        o.log.error({ firmId: req.firmId, err: e }, 'access-token request failed');
        return INTERNAL_ERROR_REPLY;
      });
    }
    o.log.debug({ firmId: req?.firmId, outcome: reply.ok ? 'token' : reply.reason }, 'access-token request answered');
    msg.respond(JSON.stringify(reply));
  };
  const sub: Subscription = o.nc.subscribe(o.subject, {
    queue: TOKEN_RPC_QUEUE,
    callback: (err, msg) => {
      if (err || !msg.reply) return;
      const p = withLogContext(traceIdsOf(contextFromHeaders(msg.headers)), () => answer(msg))
        .catch((e: unknown) =>
          o.log.error({ err: e instanceof Error ? e.name : 'unknown' }, 'could not answer an access-token request'),
        )
        .finally(() => inflight.delete(p));
      inflight.add(p);
    },
  });
  return {
    stop: async () => {
      if (!sub.isClosed()) await sub.drain();
      await Promise.allSettled([...inflight]);
    },
  };
};
