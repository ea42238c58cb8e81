import type { Clock } from '../clock';
import type { SimStore } from '../store/store';
import type { ApprovalUser } from './approval-page';
import { AppRegistry, demoApp, type RegisteredApp } from './registered-app';
import type { ResolvedOAuthOptions } from './oauth-options';
import type { DeauthorizationCallbackBody } from './oauth-wire';
import { TokenStore, type TokenGrant } from './token-store';
import { post } from '../webhooks/http-post';

/** Outcome of one deauthorization callback POST (the body's token is not kept). */
export interface DeauthCallbackRecord {
  at: number;
  clientId: string;
  userId: number;
  url: string;
  /** `all` for a user revoke, `token` for an app deauthorization. */
  scope: 'all' | 'token';
  status?: number;
  error?: string;
}

interface RegionAuth {
  apps: AppRegistry;
  tokens: TokenStore;
}

/** Apps, codes and tokens of every served region (each region is its own Clio instance), plus revocation callbacks. */
export class OAuthService {
  private readonly regions = new Map<string, RegionAuth>();
  private readonly callbacks: DeauthCallbackRecord[] = [];
  private readonly pending = new Set<Promise<void>>();
  /** Run-time settings (the control API changes them; reset restores the options). */
  autoApprove: { enabled: boolean; userId?: number };
  ttlSeconds: number;

  constructor(
    regionList: readonly string[],
    readonly options: ResolvedOAuthOptions,
    private readonly clock: Clock,
    private readonly store: SimStore,
  ) {
    const primary = regionList[0];
    const apps = options.apps ?? [demoApp()];
    for (const region of regionList) {
      const registry = new AppRegistry(region);
      for (const app of apps) registry.register({ ...app, region: app.region ?? primary });
      this.regions.set(region, { apps: registry, tokens: new TokenStore() });
    }
    this.autoApprove = { ...options.autoApprove };
    this.ttlSeconds = options.accessTokenTtlSeconds;
  }

  clockNow(): number {
    return this.clock.now();
  }

  region(region: string): RegionAuth {
    const r = this.regions.get(region);
    if (!r) throw new Error(`region ${region} is not served`);
    return r;
  }

  /** Registers an app on the region it names (default: every served region it is given for). */
  registerApp(app: RegisteredApp): string[] {
    const accepted: string[] = [];
    for (const [region, r] of this.regions)
      if (r.apps.register({ ...app, region: app.region ?? region })) accepted.push(region);
    return accepted;
  }

  /** The user a token is issued for when none is named: the account owner, else the first user, else 1. */
  defaultUserId(): number {
    let first: number | undefined;
    for (const u of this.store.table('users').ascending()) {
      if (u.account_owner) return u.id;
      first ??= u.id;
    }
    return first ?? 1;
  }

  users(): ApprovalUser[] {
    return [...this.store.table('users').ascending()].filter((u) => u.enabled).map((u) => ({ id: u.id, name: u.name }));
  }

  /** App deauthorization (`POST /oauth/deauthorize`): one access token; the callback names it. */
  deauthorize(region: string, accessToken: string): TokenGrant | undefined {
    const grant = this.region(region).tokens.revokeAccessToken(accessToken);
    if (grant) this.callback(region, grant.clientId, grant.userId, accessToken);
    return grant;
  }

  /** User-initiated revoke: all access and refresh tokens of the user for the app; the callback says `all`. */
  revokeUser(region: string, clientId: string, userId: number): number {
    const n = this.region(region).tokens.revokeUser(clientId, userId);
    this.callback(region, clientId, userId, 'all');
    return n;
  }

  callbackLog(): DeauthCallbackRecord[] {
    return [...this.callbacks];
  }

  /** Resolves when every callback POST has finished. */
  async settle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  reset(): void {
    for (const r of this.regions.values()) r.tokens.clear();
    this.callbacks.length = 0;
    this.autoApprove = { ...this.options.autoApprove };
    this.ttlSeconds = this.options.accessTokenTtlSeconds;
  }

  private callback(region: string, clientId: string, userId: number, accessToken: string): void {
    const url = this.region(region).apps.get(clientId)?.deauthorizationCallbackUrl;
    if (!url) return;
    const body: DeauthorizationCallbackBody = { client_id: clientId, user_id: userId, access_token: accessToken };
    const rec: DeauthCallbackRecord = {
      at: this.clock.now(),
      clientId,
      userId,
      url,
      scope: accessToken === 'all' ? 'all' : 'token',
    };
    this.callbacks.push(rec);
    const p = post(url, JSON.stringify(body), { 'content-type': 'application/json' }, 10_000).then((r) => {
      rec.status = r.status;
      rec.error = r.error;
    });
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }
}
