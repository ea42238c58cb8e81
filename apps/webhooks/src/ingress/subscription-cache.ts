import type { Keyring } from '@sf/token-vault';
import type { Executor } from '@sf/db';
import type { WebhooksDb } from '../schema/webhooks-schema';
import { findSubscription } from '../registration/subscription-repository';
import { openSecret } from '../registration/subscription-secret';

/** What the ingress needs to verify a delivery to one subscription. */
export interface VerifyingSubscription {
  subscriptionId: string;
  firmId: string;
  entityType: string;
  /** Null while the subscription is registering (Clio's id not stored yet). */
  clioWebhookId: string | null;
  /** Null while registering, or when the sealed value does not open. */
  secret: string | null;
  live: boolean;
}

/**
 * Subscriptions by id, opened once and kept for `ttlMs` so a delivery costs no database read or decryption on the
 * request path; an entry is re-read after the TTL, so a removal takes effect within it. Unknown ids are not cached.
 */
export class SubscriptionCache {
  private readonly entries = new Map<string, { value: VerifyingSubscription; until: number }>();

  constructor(
    private readonly db: Executor<WebhooksDb>,
    private readonly keyring: Keyring,
    private readonly ttlMs = 5_000,
    private readonly now: () => number = Date.now,
  ) {}

  async get(subscriptionId: string): Promise<VerifyingSubscription | undefined> {
    const hit = this.entries.get(subscriptionId);
    if (hit && hit.until > this.now() && hit.value.secret !== null) return hit.value;
    const s = await findSubscription(this.db, subscriptionId);
    if (!s) return undefined;
    const value: VerifyingSubscription = {
      subscriptionId,
      firmId: s.firmId,
      entityType: s.entityType,
      clioWebhookId: s.clioWebhookId,
      secret: s.sealedSecret === null ? null : openSecret(this.keyring, subscriptionId, s.sealedSecret),
      live: s.status !== 'removed',
    };
    this.entries.set(subscriptionId, { value, until: this.now() + this.ttlMs });
    return value;
  }

  forget(subscriptionId: string): void {
    this.entries.delete(subscriptionId);
  }
}
