import { randomBytes } from 'node:crypto';
import { AUTHORIZATION_CODE_TTL_MS, OAuthErrorCode } from './oauth-wire';

/** What a valid access token stands for. */
export interface TokenGrant {
  accessToken: string;
  refreshToken: string;
  clientId: string;
  /** The simulated Clio user who authorized the app. */
  userId: number;
  /** Epoch ms. */
  issuedAt: number;
  /** Epoch ms. */
  expiresAt: number;
}

interface AccessRecord extends TokenGrant {
  revoked: boolean;
}
interface RefreshRecord {
  refreshToken: string;
  clientId: string;
  userId: number;
  revoked: boolean;
}
interface CodeRecord {
  code: string;
  clientId: string;
  redirectUri: string;
  userId: number;
  expiresAt: number;
  used: boolean;
}

export type GrantResult = { ok: true; grant: TokenGrant } | { ok: false; error: OAuthErrorCode };
export type AuthenticateResult =
  { ok: true; grant: TokenGrant } | { ok: false; reason: 'unknown' | 'revoked' | 'expired' };

/** Codes kept before used and expired ones are pruned. */
const MAX_CODES = 10_000;

/** 40 url-safe characters, like Clio's tokens. */
export const randomToken = (): string => randomBytes(30).toString('base64url');

/**
 * Codes, access tokens and refresh tokens of one regional instance. Every method takes `now` (epoch ms), so rules are
 * testable without a clock. Refresh tokens do not rotate and never expire; they die only when revoked (D-FAQ).
 * A refresh leaves older access tokens valid until their own expiry (Clio's behaviour here is not documented).
 */
export class TokenStore {
  private readonly codes = new Map<string, CodeRecord>();
  private readonly access = new Map<string, AccessRecord>();
  private readonly refresh = new Map<string, RefreshRecord>();

  constructor(private readonly newToken: () => string = randomToken) {}

  issueCode(input: { clientId: string; redirectUri: string; userId: number }, now: number): string {
    if (this.codes.size >= MAX_CODES) this.pruneCodes(now);
    const code = this.newToken();
    this.codes.set(code, { ...input, code, expiresAt: now + AUTHORIZATION_CODE_TTL_MS, used: false });
    return code;
  }

  /** `authorization_code` grant for an already authenticated client. Codes are single use. */
  exchangeCode(
    input: { clientId: string; code: string; redirectUri: string; ttlSeconds: number },
    now: number,
  ): GrantResult {
    const rec = this.codes.get(input.code);
    if (
      !rec ||
      rec.used ||
      rec.expiresAt <= now ||
      rec.clientId !== input.clientId ||
      rec.redirectUri !== input.redirectUri
    ) {
      return { ok: false, error: OAuthErrorCode.InvalidGrant };
    }
    rec.used = true;
    const refreshToken = this.newToken();
    this.refresh.set(refreshToken, { refreshToken, clientId: rec.clientId, userId: rec.userId, revoked: false });
    return { ok: true, grant: this.issueAccess(rec.clientId, rec.userId, refreshToken, input.ttlSeconds, now) };
  }

  /** `refresh_token` grant: a new access token; the same refresh token stays valid. */
  refreshGrant(input: { clientId: string; refreshToken: string; ttlSeconds: number }, now: number): GrantResult {
    const rec = this.refresh.get(input.refreshToken);
    if (!rec || rec.revoked || rec.clientId !== input.clientId)
      return { ok: false, error: OAuthErrorCode.InvalidGrant };
    return { ok: true, grant: this.issueAccess(rec.clientId, rec.userId, rec.refreshToken, input.ttlSeconds, now) };
  }

  /** Mints a token pair without the browser flow (control API and tests). */
  mint(input: { clientId: string; userId: number; ttlSeconds: number }, now: number): TokenGrant {
    const refreshToken = this.newToken();
    this.refresh.set(refreshToken, { refreshToken, clientId: input.clientId, userId: input.userId, revoked: false });
    return this.issueAccess(input.clientId, input.userId, refreshToken, input.ttlSeconds, now);
  }

  authenticate(accessToken: string, now: number): AuthenticateResult {
    const rec = this.access.get(accessToken);
    if (!rec) return { ok: false, reason: 'unknown' };
    if (rec.revoked) return { ok: false, reason: 'revoked' };
    if (rec.expiresAt <= now) return { ok: false, reason: 'expired' };
    return { ok: true, grant: publicGrant(rec) };
  }

  /** App-initiated deauthorization: only this access token. Returns the grant it revoked, if any. */
  revokeAccessToken(accessToken: string): TokenGrant | undefined {
    const rec = this.access.get(accessToken);
    if (!rec || rec.revoked) return undefined;
    rec.revoked = true;
    return publicGrant(rec);
  }

  /** User-initiated revoke: every access and refresh token of this user for this app. Returns how many died. */
  revokeUser(clientId: string, userId: number): number {
    let n = 0;
    for (const rec of [...this.access.values(), ...this.refresh.values()]) {
      if (rec.clientId === clientId && rec.userId === userId && !rec.revoked) {
        rec.revoked = true;
        n++;
      }
    }
    return n;
  }

  /** Live (unrevoked, unexpired) access tokens, newest first. */
  liveGrants(now: number): TokenGrant[] {
    return [...this.access.values()]
      .filter((r) => !r.revoked && r.expiresAt > now)
      .sort((a, b) => b.issuedAt - a.issuedAt)
      .map(publicGrant);
  }

  clear(): void {
    this.codes.clear();
    this.access.clear();
    this.refresh.clear();
  }

  /** Drops used and expired codes; they can never be exchanged again. */
  private pruneCodes(now: number): void {
    for (const [code, rec] of this.codes) if (rec.used || rec.expiresAt <= now) this.codes.delete(code);
  }

  private issueAccess(
    clientId: string,
    userId: number,
    refreshToken: string,
    ttlSeconds: number,
    now: number,
  ): TokenGrant {
    const accessToken = this.newToken();
    const rec: AccessRecord = {
      accessToken,
      refreshToken,
      clientId,
      userId,
      issuedAt: now,
      expiresAt: now + ttlSeconds * 1000,
      revoked: false,
    };
    this.access.set(accessToken, rec);
    return publicGrant(rec);
  }
}

const publicGrant = (r: AccessRecord): TokenGrant => ({
  accessToken: r.accessToken,
  refreshToken: r.refreshToken,
  clientId: r.clientId,
  userId: r.userId,
  issuedAt: r.issuedAt,
  expiresAt: r.expiresAt,
});
