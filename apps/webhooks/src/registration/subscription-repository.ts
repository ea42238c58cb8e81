import type { Executor } from '@sf/db';
import { SubscriptionStatus } from '@sf/sync-webhooks';
import type { WebhooksDb } from '../schema/webhooks-schema';

export interface Subscription {
  subscriptionId: string;
  firmId: string;
  model: string;
  entityType: string;
  clioWebhookId: string | null;
  sealedSecret: string | null;
  status: SubscriptionStatus;
  expiresAt: Date | null;
  updatedAt: Date;
}

type Row = {
  subscription_id: string;
  firm_id: string;
  model: string;
  entity_type: string;
  clio_webhook_id: string | null;
  sealed_secret: string | null;
  status: SubscriptionStatus;
  expires_at: Date | null;
  updated_at: Date;
};

const toSubscription = (r: Row): Subscription => ({
  subscriptionId: r.subscription_id,
  firmId: r.firm_id,
  model: r.model,
  entityType: r.entity_type,
  clioWebhookId: r.clio_webhook_id,
  sealedSecret: r.sealed_secret,
  status: r.status,
  expiresAt: r.expires_at,
  updatedAt: r.updated_at,
});

const COLUMNS = [
  'subscription_id',
  'firm_id',
  'model',
  'entity_type',
  'clio_webhook_id',
  'sealed_secret',
  'status',
  'expires_at',
  'updated_at',
] as const;

export const findSubscription = async (
  db: Executor<WebhooksDb>,
  subscriptionId: string,
): Promise<Subscription | undefined> => {
  const r = await db
    .selectFrom('webhook_subscriptions')
    .select(COLUMNS)
    .where('subscription_id', '=', subscriptionId)
    .executeTakeFirst();
  return r ? toSubscription(r) : undefined;
};

/** The firm's subscriptions that are not removed. */
export const liveSubscriptions = async (db: Executor<WebhooksDb>, firmId: string): Promise<Subscription[]> =>
  (
    await db
      .selectFrom('webhook_subscriptions')
      .select(COLUMNS)
      .where('firm_id', '=', firmId)
      .where('status', '<>', SubscriptionStatus.removed)
      .orderBy('model')
      .execute()
  ).map(toSubscription);

/**
 * Claims the firm's slot for a model: inserts a `registering` row, or returns false when a live one exists (the
 * partial unique index decides between racing registrars in one statement).
 */
export const claimRegistration = async (
  db: Executor<WebhooksDb>,
  s: { subscriptionId: string; firmId: string; model: string; entityType: string },
): Promise<boolean> => {
  const r = await db
    .insertInto('webhook_subscriptions')
    .values({
      subscription_id: s.subscriptionId,
      firm_id: s.firmId,
      model: s.model,
      entity_type: s.entityType,
      status: SubscriptionStatus.registering,
    })
    .onConflict((oc) => oc.columns(['firm_id', 'model']).where('status', '<>', SubscriptionStatus.removed).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0) === 1;
};

export const activateSubscription = async (
  db: Executor<WebhooksDb>,
  subscriptionId: string,
  v: { clioWebhookId: string; sealedSecret: string; expiresAt: Date },
): Promise<void> => {
  await db
    .updateTable('webhook_subscriptions')
    .set({
      clio_webhook_id: v.clioWebhookId,
      sealed_secret: v.sealedSecret,
      expires_at: v.expiresAt,
      status: SubscriptionStatus.active,
      updated_at: new Date(),
    })
    .where('subscription_id', '=', subscriptionId)
    .execute();
};

export const renewSubscription = async (
  db: Executor<WebhooksDb>,
  subscriptionId: string,
  expiresAt: Date,
): Promise<void> => {
  await db
    .updateTable('webhook_subscriptions')
    .set({ expires_at: expiresAt, updated_at: new Date() })
    .where('subscription_id', '=', subscriptionId)
    .execute();
};

/** Ends a subscription; the sealed secret is destroyed with it (a removed webhook verifies nothing). */
export const removeSubscription = async (db: Executor<WebhooksDb>, subscriptionId: string): Promise<void> => {
  await db
    .updateTable('webhook_subscriptions')
    .set({ status: SubscriptionStatus.removed, sealed_secret: null, updated_at: new Date() })
    .where('subscription_id', '=', subscriptionId)
    .execute();
};

/** Active subscriptions expiring before `cutoff` (renewal due), oldest expiry first. */
export const expiringBefore = async (db: Executor<WebhooksDb>, cutoff: Date, limit = 100): Promise<Subscription[]> =>
  (
    await db
      .selectFrom('webhook_subscriptions')
      .select(COLUMNS)
      .where('status', '=', SubscriptionStatus.active)
      .where('expires_at', '<', cutoff)
      .orderBy('expires_at')
      .limit(limit)
      .execute()
  ).map(toSubscription);
