import type { ClioRegion } from '../wire-names';

/**
 * Request-reply contract between the auth service (which alone reads the token vault) and every service that
 * calls Clio. Core NATS request-reply only: the reply carries a live access token, so it is never published to a
 * JetStream subject, logged, or put in an event.
 */
export const RpcSubjects = {
  /** Request `AccessTokenRequest`, reply `AccessTokenReply`. Queue group `auth-service`. */
  accessToken: 'sf.rpc.auth.access-token',
  /** Request `SyncRequestRpc`, reply `SyncRequestReply` (rpc/sync-request.ts). Queue group `sync-orchestrator`. */
  syncRequest: 'sf.rpc.sync.request',
} as const;

export interface AccessTokenRequest {
  firmId: string;
  /**
   * The token Clio just answered 401 to, if any: the auth service refreshes unless that token was already
   * replaced, so a 401 costs at most one refresh across all replicas.
   */
  rejectedToken?: string;
  /**
   * Clio answered 401 to `rejectedToken` even though it was freshly issued (the caller already refreshed once):
   * the grant no longer works, so the auth service marks the connection needs_reauth instead of refreshing again.
   * Honoured only while `rejectedToken` is still the connection's current access token, so a stale report cannot
   * mark a healthy connection. Absent means false.
   */
  unauthorizedAfterRefresh?: boolean;
}

export const AccessTokenFailures = {
  notConnected: 'not_connected',
  revoked: 'revoked',
  needsReauth: 'needs_reauth',
  unavailable: 'unavailable',
} as const;
export type AccessTokenFailure = (typeof AccessTokenFailures)[keyof typeof AccessTokenFailures];

export type AccessTokenReply =
  | {
      ok: true;
      accessToken: string;
      /** ISO-8601 instant at which the token expires. */
      expiresAt: string;
      region: ClioRegion;
      /** Clio Manage API base for the connection's region, e.g. `https://app.clio.com/api/v4`. */
      apiBaseUrl: string;
      connectionId: string;
    }
  | { ok: false; reason: AccessTokenFailure; message: string };
