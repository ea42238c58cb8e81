import type { MigrationSet } from '@sf/db';
import * as webhooks from './2026-12-03T20-webhooks';

/** The webhooks service's subscriptions and per-firm delivery stats. */
export const webhooksMigrations: MigrationSet = {
  owner: 'webhooks',
  migrations: { '2026-12-03T20-webhooks': webhooks },
};
