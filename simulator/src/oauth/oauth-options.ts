import type { RegisteredApp } from './registered-app';
import { DEFAULT_ACCESS_TOKEN_TTL_SECONDS } from './oauth-wire';

export interface OAuthOptions {
  /** `false` keeps the core's accept-any-bearer auth (no OAuth checks, no per-user tokens). Default true. */
  enabled?: boolean;
  /** Registered apps. An app without `region` belongs to the primary (first) region. Default: the demo app. */
  apps?: readonly RegisteredApp[];
  /** Access-token lifetime (`expires_in`), seconds. Default 2,592,000 (30 days, D-FAQ). */
  accessTokenTtlSeconds?: number;
  /**
   * Skip the approval page: `/oauth/authorize` redirects with a code at once, as the given user (default: the
   * account owner). For tests and headless demos. Default false.
   */
  autoApprove?: boolean | { userId: number };
}

export interface ResolvedOAuthOptions {
  enabled: boolean;
  apps: readonly RegisteredApp[] | undefined;
  accessTokenTtlSeconds: number;
  autoApprove: { enabled: boolean; userId?: number };
}

export const resolveOAuthOptions = (o: OAuthOptions = {}): ResolvedOAuthOptions => ({
  enabled: o.enabled ?? true,
  apps: o.apps,
  accessTokenTtlSeconds: o.accessTokenTtlSeconds ?? DEFAULT_ACCESS_TOKEN_TTL_SECONDS,
  autoApprove:
    typeof o.autoApprove === 'object'
      ? { enabled: true, userId: o.autoApprove.userId }
      : { enabled: o.autoApprove ?? false },
});
