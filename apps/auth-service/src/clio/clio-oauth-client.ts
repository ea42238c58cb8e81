import type { ClioRegion } from '@sf/contracts';
import { classifyTokenResponse, ClioGrantType, ClioOAuthPath, ClioTokenForm, type ClioTokens } from '@sf/token-vault';
import { ClioApiPath, WHO_AM_I_FIELDS } from '../wire-names';
import { clioHttp, type ClioHttpResult } from './clio-http';
import { clioOrigin, type ClioAppConfig } from './clio-endpoints';

/** The authorization_code grant. `rejected`: Clio refused the code itself (invalid_grant): expired, used, other region. */
export type CodeExchange =
  { ok: true; tokens: ClioTokens; expiresIn: number } | { ok: false; kind: 'rejected' | 'unavailable'; detail: string };

/** The Clio user behind a token (`users/who_am_i`). */
export interface ClioIdentity {
  userId: string;
  userName?: string;
  accountName?: string;
}

/** `unauthorized`: Clio answered 401, i.e. the token is expired or revoked. */
export type WhoAmI =
  { ok: true; identity: ClioIdentity } | { ok: false; kind: 'unauthorized' | 'unavailable'; detail: string };

export type Deauthorize = { ok: true } | { ok: false; detail: string };

const FORM = 'application/x-www-form-urlencoded';
const describe = (r: ClioHttpResult): string => (r.ok ? `answered ${r.status}` : `unreachable (${r.code})`);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

/** Clio's OAuth endpoints and `who_am_i`, as the connect and disconnect flows use them. Details name statuses only. */
export class ClioOAuthClient {
  private readonly timeoutMs: number;

  constructor(private readonly app: ClioAppConfig) {
    this.timeoutMs = app.timeoutMs ?? 10_000;
  }

  async exchangeCode(region: ClioRegion, code: string, redirectUri: string): Promise<CodeExchange> {
    const form = new URLSearchParams({
      [ClioTokenForm.GrantType]: ClioGrantType.AuthorizationCode,
      [ClioTokenForm.ClientId]: this.app.clientId,
      [ClioTokenForm.ClientSecret]: this.app.clientSecret,
      [ClioTokenForm.Code]: code,
      [ClioTokenForm.RedirectUri]: redirectUri,
    });
    const r = await clioHttp(new URL(ClioOAuthPath.Token, clioOrigin(this.app, region)), {
      method: 'POST',
      headers: { 'content-type': FORM, accept: 'application/json' },
      body: form.toString(),
      timeoutMs: this.timeoutMs,
    });
    if (!r.ok) return { ok: false, kind: 'unavailable', detail: `token endpoint ${describe(r)}` };
    const outcome = classifyTokenResponse(r.status, r.body);
    if (outcome.kind === 'invalid_grant')
      return { ok: false, kind: 'rejected', detail: `token endpoint answered ${r.status} invalid_grant` };
    if (outcome.kind === 'transient') return { ok: false, kind: 'unavailable', detail: outcome.reason };
    // Without a refresh token the connection would die with its first access token: refuse it now.
    if (!outcome.refreshToken)
      return { ok: false, kind: 'unavailable', detail: 'token endpoint answered 200 without a refresh_token' };
    return {
      ok: true,
      tokens: { accessToken: outcome.accessToken, refreshToken: outcome.refreshToken },
      expiresIn: outcome.expiresIn,
    };
  }

  async whoAmI(region: ClioRegion, accessToken: string): Promise<WhoAmI> {
    const url = new URL(`${ClioApiPath.prefix}${ClioApiPath.whoAmI}`, clioOrigin(this.app, region));
    url.searchParams.set('fields', WHO_AM_I_FIELDS);
    const r = await clioHttp(url, {
      method: 'GET',
      headers: { authorization: `Bearer ${accessToken}`, accept: 'application/json' },
      timeoutMs: this.timeoutMs,
    });
    if (r.ok && r.status === 401) return { ok: false, kind: 'unauthorized', detail: 'who_am_i answered 401' };
    const data = r.ok && r.status === 200 ? r.body?.['data'] : undefined;
    const user = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : undefined;
    const id = user?.['id'];
    if (!user || !(typeof id === 'number' || (typeof id === 'string' && id.length > 0))) {
      return {
        ok: false,
        kind: 'unavailable',
        detail: `who_am_i ${r.ok && r.status === 200 ? 'answered 200 without a user id' : describe(r)}`,
      };
    }
    const account = user['account'];
    const accountName =
      typeof account === 'object' && account !== null ? str((account as Record<string, unknown>)['name']) : undefined;
    const userName = str(user['name']);
    return {
      ok: true,
      identity: { userId: String(id), ...(userName ? { userName } : {}), ...(accountName ? { accountName } : {}) },
    };
  }

  /** `POST /oauth/deauthorize`: revokes that one access token at Clio. */
  async deauthorize(region: ClioRegion, accessToken: string): Promise<Deauthorize> {
    const r = await clioHttp(new URL(ClioOAuthPath.Deauthorize, clioOrigin(this.app, region)), {
      method: 'POST',
      headers: { 'content-type': FORM, authorization: `Bearer ${accessToken}` },
      body: new URLSearchParams({ [ClioTokenForm.Token]: accessToken }).toString(),
      timeoutMs: this.timeoutMs,
    });
    return r.ok && r.status >= 200 && r.status < 300
      ? { ok: true }
      : { ok: false, detail: `deauthorize ${describe(r)}` };
  }
}
