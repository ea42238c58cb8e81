import type { ClioRegion } from '@sf/contracts';
import type { ClioTokens } from './token-seal';

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

/**
 * The tokens to store after a successful refresh: the new access token, and the refresh token Clio returned if it
 * returned one (it then replaces ours), else the one we had. Dropping ours because the answer omitted it is how
 * connections get lost (Nango #298).
 */
export const tokensAfterRefresh = (
  current: ClioTokens,
  outcome: Extract<RefreshOutcome, { kind: 'refreshed' }>,
): ClioTokens => ({
  accessToken: outcome.accessToken,
  refreshToken: outcome.refreshToken || current.refreshToken,
});
