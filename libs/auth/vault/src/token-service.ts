import type { Kysely, Transaction } from 'kysely';
import type { TokenVaultTables } from './schema/token-vault.tables';
import type { AccessTokenResult } from './access-token-result';
import {
  findConnectionByFirm,
  listRefreshDue,
  markNeedsReauth,
  replaceTokens,
  type StoredConnection,
} from './connection-repository';
import { ConnectionStatus } from './connection-status';
import type { Keyring } from './keyring';
import { isLockTimeout, lockFirmTokens } from './refresh-lock';
import { DEFAULT_REFRESH_POLICY, dueCutoffs, isRefreshDue, isUsable, type RefreshPolicy } from './refresh-policy';
import { tokensAfterRefresh, type TokenRefresher } from './token-refresher';
import { openTokens, type ClioTokens } from './token-seal';

/** Structured logger (pino-compatible). Fields are ids and reasons only; the vault never passes a token. */
export interface VaultLog {
  warn(fields: Record<string, unknown>, msg: string): void;
}

export interface TokenServiceOptions<DB extends TokenVaultTables = TokenVaultTables> {
  /** The process's pool; `DB` holds the vault's table and whatever `onNeedsReauth` writes. */
  db: Kysely<DB>;
  keyring: Keyring;
  refresher: TokenRefresher;
  policy?: Partial<RefreshPolicy>;
  /** Wall clock. Default `() => new Date()`. */
  clock?: () => Date;
  /** Longest wait, in ms, for a refresh that another caller or replica is running. Default 30 000; keep it above the refresher's timeout. */
  lockTimeoutMs?: number;
  log?: VaultLog;
  /**
   * Runs inside the transaction that moved a connection from active to needs_reauth, and only for the call that made
   * that transition, so an event appended here (ConnectionNeedsReauth) commits together with the transition or not
   * at all: exactly once, whatever the number of callers and replicas. A throw rolls the transition back.
   */
  onNeedsReauth?: (trx: Transaction<DB>, e: NeedsReauthTransition) => Promise<void>;
}

/** The transition {@link TokenServiceOptions.onNeedsReauth} reports. `reason` names no token. */
export interface NeedsReauthTransition {
  firmId: string;
  connectionId: string;
  reason: string;
}

export interface GetAccessTokenOptions {
  /** An access token Clio just answered 401 to: refresh unless the stored token already differs from it. */
  rejectedToken?: string;
}

/**
 * Hands out Clio access tokens, refreshing them ahead of expiry and at least daily. Refreshes are single-flight:
 * callers in one process share one promise per firm, and processes serialise on a per-firm advisory lock and
 * re-check freshness once they hold it, so one refresh reaches Clio however many callers and replicas ask.
 */
export class TokenService<DB extends TokenVaultTables = TokenVaultTables> {
  private readonly policy: RefreshPolicy;
  private readonly clock: () => Date;
  private readonly lockTimeoutMs: number;
  private readonly inflight = new Map<string, Promise<AccessTokenResult>>();
  /** Per firm: no new refresh attempt before this instant (ms) after a transient failure, while the token is usable. */
  private readonly backoffUntil = new Map<string, number>();

  constructor(private readonly opts: TokenServiceOptions<DB>) {
    this.policy = { ...DEFAULT_REFRESH_POLICY, ...opts.policy };
    this.clock = opts.clock ?? (() => new Date());
    this.lockTimeoutMs = opts.lockTimeoutMs ?? 30_000;
  }

  async getAccessToken(firmId: string, opts: GetAccessTokenOptions = {}): Promise<AccessTokenResult> {
    const settled = this.settle(await findConnectionByFirm(this.opts.db, firmId), opts);
    if (settled) return settled;
    const running = this.inflight.get(firmId);
    if (running) {
      const shared = await running;
      // Only the leader reports the needs_reauth transition, so exactly one event gets appended.
      const mine = shared.ok || shared.reason !== 'needs_reauth' ? shared : { ...shared, markedNow: false };
      if (!(mine.ok && mine.accessToken === opts.rejectedToken)) return mine;
    }
    const p = this.refreshUnderLock(firmId, opts).finally(() => {
      if (this.inflight.get(firmId) === p) this.inflight.delete(firmId);
    });
    this.inflight.set(firmId, p);
    return p;
  }

  /**
   * Refreshes every active connection that is due (proactive, e.g. on a timer), oldest first, one at a time.
   * Results with `markedNow` are the caller's cue to append `ConnectionNeedsReauth`.
   */
  async refreshDue(limit = 100): Promise<Array<{ firmId: string; result: AccessTokenResult }>> {
    const firms = await listRefreshDue(this.opts.db, dueCutoffs(this.clock(), this.policy), limit);
    const out: Array<{ firmId: string; result: AccessTokenResult }> = [];
    for (const firmId of firms) out.push({ firmId, result: await this.getAccessToken(firmId) });
    return out;
  }

  /**
   * For a 401 from Clio that a fresh token did not cure (e.g. the Clio user lost access): marks the connection
   * needs_reauth. `markedNow` is true only for the call that made the transition. Null when the firm has no connection.
   */
  async markNeedsReauth(firmId: string): Promise<{ connectionId: string; markedNow: boolean } | null> {
    const conn = await findConnectionByFirm(this.opts.db, firmId);
    if (!conn) return null;
    const markedNow = await this.opts.db.transaction().execute(async (trx) => {
      const marked = await markNeedsReauth(trx, conn.connectionId, this.clock());
      if (marked)
        await this.opts.onNeedsReauth?.(trx, {
          firmId,
          connectionId: conn.connectionId,
          reason: 'Clio rejected a freshly refreshed access token',
        });
      return marked;
    });
    if (markedNow)
      this.opts.log?.warn(
        { firmId, connectionId: conn.connectionId },
        'clio rejected a fresh token; the connection needs re-authorisation',
      );
    return { connectionId: conn.connectionId, markedNow };
  }

  /** Returns the outcome without calling Clio, or null when a refresh is needed. */
  private settle(conn: StoredConnection | null, opts: GetAccessTokenOptions): AccessTokenResult | null {
    if (!conn) return { ok: false, reason: 'not_connected' };
    if (conn.status === ConnectionStatus.NeedsReauth) {
      return { ok: false, reason: 'needs_reauth', connectionId: conn.connectionId, markedNow: false };
    }
    if (conn.status === ConnectionStatus.Revoked || !conn.tokens)
      return { ok: false, reason: 'revoked', connectionId: conn.connectionId };
    const tokens = openTokens(this.opts.keyring, conn.connectionId, conn.tokens);
    if (opts.rejectedToken !== undefined && opts.rejectedToken === tokens.accessToken) return null;
    const now = this.clock();
    const times = { expiresAt: conn.tokens.expiresAt, refreshedAt: conn.refreshedAt };
    if (!isRefreshDue(times, now, this.policy)) return this.granted(conn, tokens);
    const backingOff = (this.backoffUntil.get(conn.firmId) ?? 0) > now.getTime();
    return backingOff && isUsable(times, now, this.policy) ? this.granted(conn, tokens) : null;
  }

  private async refreshUnderLock(firmId: string, opts: GetAccessTokenOptions): Promise<AccessTokenResult> {
    try {
      return await this.opts.db.transaction().execute(async (trx) => {
        await lockFirmTokens(trx, firmId, this.lockTimeoutMs);
        // Re-read under the lock: the refresh another caller or replica just committed usually settles it.
        const conn = await findConnectionByFirm(trx, firmId);
        return this.settle(conn, opts) ?? (await this.refreshNow(trx, conn as StoredConnection));
      });
    } catch (e) {
      if (!isLockTimeout(e)) throw e;
      const conn = await findConnectionByFirm(this.opts.db, firmId);
      return this.fallback(conn, 'timed out waiting for a refresh in flight');
    }
  }

  private async refreshNow(trx: Transaction<DB>, conn: StoredConnection): Promise<AccessTokenResult> {
    const tokens = openTokens(this.opts.keyring, conn.connectionId, conn.tokens!);
    const startedAt = this.clock();
    const outcome = await this.opts.refresher.refresh(conn.region, tokens.refreshToken);
    const ids = { firmId: conn.firmId, connectionId: conn.connectionId };
    if (outcome.kind === 'invalid_grant') {
      const markedNow = await markNeedsReauth(trx, conn.connectionId, this.clock());
      if (markedNow)
        await this.opts.onNeedsReauth?.(trx, { ...ids, reason: 'Clio refused the refresh token (invalid_grant)' });
      this.opts.log?.warn(ids, 'clio refused the refresh token; the connection needs re-authorisation');
      return { ok: false, reason: 'needs_reauth', connectionId: conn.connectionId, markedNow };
    }
    if (outcome.kind === 'transient') {
      this.opts.log?.warn({ ...ids, reason: outcome.reason }, 'token refresh failed; will retry');
      this.backoffUntil.set(conn.firmId, startedAt.getTime() + this.policy.retryAfterMs);
      return this.fallback(conn, outcome.reason);
    }
    const next = tokensAfterRefresh(tokens, outcome);
    const expiresAt = new Date(startedAt.getTime() + outcome.expiresIn * 1000);
    if (!(await replaceTokens(trx, this.opts.keyring, conn, next, expiresAt, startedAt))) {
      // A writer that skipped the lock (reconnect, disconnect) changed the row; report what is there now.
      return this.fallback(await findConnectionByFirm(trx, conn.firmId), 'connection changed during refresh');
    }
    this.backoffUntil.delete(conn.firmId);
    return { ok: true, accessToken: next.accessToken, expiresAt, connectionId: conn.connectionId, region: conn.region };
  }

  /** After a failed or abandoned refresh: the stored token while it is still usable, else the reason. */
  private fallback(conn: StoredConnection | null, detail: string): AccessTokenResult {
    if (!conn || conn.status !== ConnectionStatus.Active || !conn.tokens)
      return this.settle(conn, {}) ?? { ok: false, reason: 'unavailable', detail };
    const times = { expiresAt: conn.tokens.expiresAt, refreshedAt: conn.refreshedAt };
    if (!isUsable(times, this.clock(), this.policy)) return { ok: false, reason: 'unavailable', detail };
    return this.granted(conn, openTokens(this.opts.keyring, conn.connectionId, conn.tokens));
  }

  private granted(conn: StoredConnection, tokens: ClioTokens): AccessTokenResult {
    return {
      ok: true,
      accessToken: tokens.accessToken,
      expiresAt: conn.tokens!.expiresAt,
      connectionId: conn.connectionId,
      region: conn.region,
    };
  }
}
