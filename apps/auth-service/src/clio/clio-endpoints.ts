import type { ClioRegion } from '@sf/contracts';
import { CLIO_OAUTH_ORIGINS, ClioAuthorizeParam, ClioOAuthPath } from '@sf/token-vault';
import { ClioApiPath } from '../wire-names';

/** Our Clio app and where each region's Clio lives. */
export interface ClioAppConfig {
  /** The app key (`client_id`). */
  clientId: string;
  /** The app secret. Sent only to Clio's token endpoint; never logged. */
  clientSecret: string;
  /** Origin (scheme + host) per region. Default Clio's `https://{,eu.,ca.,au.}app.clio.com`; the simulator in tests. */
  origins?: Partial<Record<ClioRegion, string>>;
  /** Give up on a Clio call after this many ms (headers and body each). Default 10 000. */
  timeoutMs?: number;
}

/** A region's origin: OAuth and the Manage API share it. */
export const clioOrigin = (app: ClioAppConfig, region: ClioRegion): string =>
  app.origins?.[region] ?? CLIO_OAUTH_ORIGINS[region];

/** `https://app.clio.com/api/v4` for the region (what the token RPC hands out). */
export const clioApiBaseUrl = (app: ClioAppConfig, region: ClioRegion): string =>
  `${clioOrigin(app, region)}${ClioApiPath.prefix}`;

/**
 * The region's authorize URL. `redirect_on_decline=true` makes a decline come back to our callback as
 * `error=access_denied` instead of stranding the user on Clio's error page.
 */
export const clioAuthorizeUrl = (
  app: ClioAppConfig,
  region: ClioRegion,
  redirectUri: string,
  state: string,
): string => {
  const url = new URL(ClioOAuthPath.Authorize, clioOrigin(app, region));
  url.searchParams.set(ClioAuthorizeParam.ResponseType, 'code');
  url.searchParams.set(ClioAuthorizeParam.ClientId, app.clientId);
  url.searchParams.set(ClioAuthorizeParam.RedirectUri, redirectUri);
  url.searchParams.set(ClioAuthorizeParam.State, state);
  url.searchParams.set(ClioAuthorizeParam.RedirectOnDecline, 'true');
  return url.toString();
};
