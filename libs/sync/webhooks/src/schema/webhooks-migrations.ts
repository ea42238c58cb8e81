import type { MigrationSet } from '@sf/db';
import * as webhooks from './2026-12-03T20-webhooks';

/**
 * Webhook subscriptions and per-firm delivery stats. The owner keeps the name it had when the webhooks service held
 * these migrations, so databases migrated before the move keep their history.
 */
export const webhooksMigrations: MigrationSet = {
  owner: 'webhooks',
  migrations: { '2026-12-03T20-webhooks': webhooks },
};
