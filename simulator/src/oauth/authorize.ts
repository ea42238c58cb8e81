import type { AppRegistry, RegisteredApp } from './registered-app';
import { redirectUriMatches, withQuery } from './redirect-uri';
import { OAuthErrorCode } from './oauth-wire';

/** Query (GET) or form (POST) parameters of `/oauth/authorize` (SPEC22 "Step 1"). */
export interface AuthorizeParams {
  response_type?: string;
  client_id?: string;
  redirect_uri?: string;
  state?: string;
  redirect_on_decline?: string;
}

export type AuthorizeCheck =
  /** Cannot redirect (unknown client or redirect URI): Clio shows an error page. */
  | { kind: 'error_page'; status: 400; message: string }
  /** The redirect URI is trusted, so the error goes back to the app. */
  | { kind: 'redirect'; location: string }
  | { kind: 'consent'; app: RegisteredApp; redirectUri: string };

/**
 * Validates an authorize request. `approvalUri` is this instance's `/oauth/approval` page, which every app may use
 * as its redirect URI (SPEC22: desktop and mobile apps).
 */
export const checkAuthorize = (p: AuthorizeParams, apps: AppRegistry, approvalUri?: string): AuthorizeCheck => {
  const app = p.client_id ? apps.get(p.client_id) : undefined;
  if (!app) return { kind: 'error_page', status: 400, message: 'Client authentication failed due to unknown client.' };
  if (!p.redirect_uri || (p.redirect_uri !== approvalUri && !redirectUriMatches(app.redirectUris, p.redirect_uri))) {
    return { kind: 'error_page', status: 400, message: 'The redirect uri included is not valid.' };
  }
  if (p.response_type !== 'code') {
    return {
      kind: 'redirect',
      location: withQuery(p.redirect_uri, { error: OAuthErrorCode.UnsupportedResponseType, state: p.state }),
    };
  }
  return { kind: 'consent', app, redirectUri: p.redirect_uri };
};

export type ConsentOutcome =
  { kind: 'redirect'; location: string } | { kind: 'error_page'; status: 400; message: string };

/** The user's answer on the approval page. `issueCode` runs only on approval. */
export const decideConsent = (
  approved: boolean,
  p: AuthorizeParams & { redirect_uri: string },
  issueCode: () => string,
): ConsentOutcome => {
  if (approved) return { kind: 'redirect', location: withQuery(p.redirect_uri, { code: issueCode(), state: p.state }) };
  if (p.redirect_on_decline === 'true') {
    return {
      kind: 'redirect',
      location: withQuery(p.redirect_uri, { error: OAuthErrorCode.AccessDenied, state: p.state }),
    };
  }
  return { kind: 'error_page', status: 400, message: 'The resource owner denied the request.' };
};
