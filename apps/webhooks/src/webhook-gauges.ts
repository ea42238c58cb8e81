import type { Kysely } from 'kysely';
import { EventTypes } from '@sf/contracts';
import { checkpointLag } from '@sf/event-store';
import { WEBHOOK_HEALTH_VALUE, webhookHealth, webhookInboxAgeSeconds, webhookInboxDeliveries } from '@sf/metrics';
import { webhookHealthOfFirms } from '@sf/sync-webhooks';
import { APPLIER_CHECKPOINT } from './apply/webhook-applier';
import type { WebhooksDb } from './schema/webhooks-schema';

/** The inbox count is capped: past it the figure means "at least", and the age says how bad. */
const INBOX_CAP = 100_000;

/**
 * `sf_webhook_health{firm_id}`, read at each scrape on Clio's clock (the registrar's process, which keeps the
 * subscriptions). Returns its removal.
 */
export const registerWebhookHealthGauge = (db: Kysely<WebhooksDb>, clioClock: () => Date): (() => void) =>
  webhookHealth.source(async () =>
    (await webhookHealthOfFirms(db, clioClock())).map((f) => ({
      labels: { firm_id: f.firmId },
      value: WEBHOOK_HEALTH_VALUE[f.health],
    })),
  );

/**
 * The webhooks inbox (the applier's process): verified deliveries in the log after the applier's checkpoint, and
 * the age of the oldest, one capped indexed read per gauge. Returns their removal.
 */
export const registerWebhookInboxGauges = (db: Kysely<WebhooksDb>): (() => void) => {
  const lag = () => checkpointLag(db, APPLIER_CHECKPOINT, INBOX_CAP, [EventTypes.ClioWebhookReceived]);
  const offs = [
    webhookInboxDeliveries.source(async () => [{ labels: {}, value: (await lag()).events }]),
    webhookInboxAgeSeconds.source(async () => [{ labels: {}, value: (await lag()).seconds }]),
  ];
  return () => offs.forEach((off) => off());
};
