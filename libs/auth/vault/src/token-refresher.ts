import type { ClioRegion } from './clio-region';

/** What Clio's token endpoint said to a refresh_token grant. */
export type RefreshOutcome =
  | {
      kind: 'refreshed';
      accessToken: string;
      /** Lifetime of the new access token, in seconds (`expires_in`). */
      expiresIn: number;
      /** Present only when Clio sent one; it then replaces the stored refresh token. */
      refreshToken?: string;
    }
  /** The refresh token is revoked or unknown: only a new authorisation can cure it. */
  | { kind: 'invalid_grant' }
  /** Anything else (network, 5xx, 429, our own client credentials): retry later, never blame the firm. */
  | { kind: 'transient'; reason: string };

/** Port to Clio's `/oauth/token` refresh grant; see clio-token-refresher.ts for the HTTP implementation. */
export interface TokenRefresher {
  refresh(region: ClioRegion, refreshToken: string): Promise<RefreshOutcome>;
}
