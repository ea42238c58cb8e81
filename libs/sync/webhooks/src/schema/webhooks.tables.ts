import type { ColumnType, Generated } from 'kysely';

/** timestamptz: pg returns a Date; writes accept a Date or an ISO string. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export const SubscriptionStatus = { registering: 'registering', active: 'active', removed: 'removed' } as const;
export type SubscriptionStatus = (typeof SubscriptionStatus)[keyof typeof SubscriptionStatus];

/** A webhook subscription in Clio (see the migration). `sealed_secret` opens only with the vault's keyring. */
export interface WebhookSubscriptionsTable {
  subscription_id: string;
  firm_id: string;
  model: string;
  entity_type: string;
  clio_webhook_id: string | null;
  sealed_secret: string | null;
  status: SubscriptionStatus;
  expires_at: Timestamp | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface WebhookFirmStatsTable {
  firm_id: string;
  /** int8 arrives as a string. */
  applied: ColumnType<string, number | string | undefined, number | string>;
  last_applied_at: Timestamp | null;
  last_lag_ms: number | null;
  max_lag_ms: ColumnType<number, number | undefined, number>;
}

/** A version the webhook applier appended lately (see the migration); one row per record. */
export interface WebhookRecentVersionsTable {
  firm_id: string;
  entity_type: string;
  record_id: string;
  /** Clio's `updated_at` in whole seconds. */
  second: ColumnType<string, number | string, number | string>;
  etag: string | null;
  /** A `created` delivery carried it (the record's first version). */
  created: boolean;
  appended_at: Generated<Date>;
}

export interface WebhooksTables {
  webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_firm_stats: WebhookFirmStatsTable;
  webhook_recent_versions: WebhookRecentVersionsTable;
}
