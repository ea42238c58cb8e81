import type { ClioRegion } from '@sf/contracts';

/** What a caller of {@link TokenService.getAccessToken} gets: a token, or why there is none. */
export type AccessTokenResult =
  | { ok: true; accessToken: string; expiresAt: Date; connectionId: string; region: ClioRegion }
  /** The firm never connected Clio. */
  | { ok: false; reason: 'not_connected' }
  /** The firm disconnected; tokens are destroyed. */
  | { ok: false; reason: 'revoked'; connectionId: string }
  /**
   * Clio refused the refresh token; a user must authorise again. `markedNow` is true for exactly one caller
   * across all replicas: the one whose refresh moved the connection from active to needs_reauth. That caller
   * appends the `ConnectionNeedsReauth` event; everyone else only reports the state.
   */
  | { ok: false; reason: 'needs_reauth'; connectionId: string; markedNow: boolean }
  /** The token has (nearly) expired and could not be refreshed right now (network, Clio 5xx, lock wait). Retry later. */
  | { ok: false; reason: 'unavailable'; detail: string };

export type AccessTokenFailure = Exclude<AccessTokenResult, { ok: true }>;
