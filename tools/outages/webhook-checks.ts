// What the main job and the soak check of the webhooks service: the firm's webhook health, and every delivery the
// ingress recorded applied to the mirror exactly once (read from the log, the one place both are written).
import { sql, type Kysely } from 'kysely';
import { EventTypes, streamIds } from '@sf/contracts';
import { tablesOf } from '@sf/db';
import { waitFor } from '@sf/testing';
import { firmWebhookHealth, type FirmWebhookHealth, type WebhooksTables } from '@sf/sync-webhooks';
import type { PlatformDb } from '../migration-sets';

export interface WebhookDeliveries {
  /** `ClioWebhookReceived` events: deliveries verified and recorded by the ingress (redeliveries deduped). */
  received: number;
  /** Received deliveries named by a `ClioRecordsObserved` (applied to the mirror). */
  applied: number;
  /** Deliveries named by two different applications (a pass applied twice): must be 0. */
  appliedTwice: number;
}

/**
 * Counts the firm's deliveries in the log. One application may span several `ClioRecordsObserved` (chunks of one
 * plan, each naming the plan's deliveries), so a delivery counts twice only when two different plans name it.
 */
export const webhookDeliveries = async (db: Kysely<PlatformDb>, firmId: string): Promise<WebhookDeliveries> => {
  // Both are appended to the firm's inbox stream.
  const inbox = streamIds.webhookInbox(firmId);
  const { rows } = await sql<{ received: string; applied: string; twice: string }>`
    with received as (
      select event_id::text as id from es_events
      where stream_id = ${inbox} and event_type = ${EventTypes.ClioWebhookReceived}
    ), named as (
      select d.id, count(distinct e.data->'deliveryIds') as plans
      from es_events e, jsonb_array_elements_text(e.data->'deliveryIds') as d(id)
      where e.stream_id = ${inbox} and e.event_type = ${EventTypes.ClioRecordsObserved}
      group by d.id
    )
    select (select count(*) from received) as received,
      (select count(*) from received r join named n on n.id = r.id) as applied,
      (select count(*) from named where plans > 1) as twice`.execute(db);
  const r = rows[0]!;
  return { received: Number(r.received), applied: Number(r.applied), appliedTwice: Number(r.twice) };
};

/** Waits until every recorded delivery of the firm is applied (the applier has caught up with the ingress). */
export const waitWebhooksApplied = (
  db: Kysely<PlatformDb>,
  firmId: string,
  timeoutMs: number,
): Promise<WebhookDeliveries> =>
  waitFor(
    () => webhookDeliveries(db, firmId),
    (d) => d.applied === d.received,
    { timeoutMs, intervalMs: 500, description: 'every recorded webhook delivery applied' },
  );

/** The firm's webhook health as the scheduler reads it (`now`: the simulator's clock, which is the wall clock here). */
export const webhookHealthOf = (db: Kysely<PlatformDb>, firmId: string): Promise<FirmWebhookHealth> =>
  firmWebhookHealth(tablesOf<WebhooksTables, PlatformDb>(db), firmId, new Date());

/** Waits until every mirrored model of the firm has an active webhook. */
export const waitWebhooksHealthy = (
  db: Kysely<PlatformDb>,
  firmId: string,
  timeoutMs: number,
): Promise<FirmWebhookHealth> =>
  waitFor(
    () => webhookHealthOf(db, firmId),
    (h) => h.health === 'healthy',
    { timeoutMs, intervalMs: 500, description: 'every mirrored model with an active webhook' },
  );
