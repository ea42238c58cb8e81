/** How long a webhook lives and when it is renewed (Clio: default 3 days, at most 31). */
export interface RenewalPolicy {
  /** `expires_at` asked for at creation and renewal, ms from now. Default 30 days (under Clio's 31). */
  ttlMs: number;
  /** Renew when less than this is left, ms. Default 7 days. */
  renewBeforeMs: number;
  /** A `registering` row older than this was left by a crashed registrar: start over. Default 5 minutes. */
  staleRegistrationMs: number;
}

export const DEFAULT_RENEWAL_POLICY: RenewalPolicy = {
  ttlMs: 30 * 86_400_000,
  renewBeforeMs: 7 * 86_400_000,
  staleRegistrationMs: 5 * 60_000,
};

/** Clio's webhook statuses (its OpenAPI). */
export const ClioWebhookStatus = { pending: 'pending', enabled: 'enabled', suspended: 'suspended' } as const;

/** What to do with one live subscription, given what Clio says about it now. Pure. */
export type SubscriptionAction = 'keep' | 'renew' | 'activate' | 'replace_suspended' | 'replace_missing';

export const decideSubscription = (
  clio: { found: false } | { found: true; status: string; expiresAt: Date | null },
  now: Date,
  policy: RenewalPolicy,
): SubscriptionAction => {
  if (!clio.found) return 'replace_missing';
  if (clio.status === ClioWebhookStatus.suspended) return 'replace_suspended';
  // Expired in Clio: it sends nothing more and cannot be extended reliably; a new one is cheaper than guessing.
  if (clio.expiresAt !== null && clio.expiresAt.getTime() <= now.getTime()) return 'replace_missing';
  if (clio.status === ClioWebhookStatus.pending) return 'activate';
  if (clio.expiresAt === null || clio.expiresAt.getTime() - now.getTime() < policy.renewBeforeMs) return 'renew';
  return 'keep';
};
