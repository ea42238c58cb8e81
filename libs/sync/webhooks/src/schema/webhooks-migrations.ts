import type { MigrationSet } from '@sf/db';
import * as webhooks from './2026-12-03T20-webhooks';
import * as recentVersions from './2026-12-05T06-webhook-recent-versions';

/**
 * Webhook subscriptions, per-firm delivery stats and the applier's recent versions. The owner keeps the name it had when the webhooks service held
 * these migrations, so databases migrated before the move keep their history.
 */
export const webhooksMigrations: MigrationSet = {
  owner: 'webhooks',
  migrations: {
    '2026-12-03T20-webhooks': webhooks,
    '2026-12-05T06-webhook-recent-versions': recentVersions,
  },
};
