import { streamIds, type NewEvent } from '@sf/contracts';
import { tablesOf } from '@sf/db';
import { LogPosition, readStream, storeCheckpoint, type EventStoreTables } from '@sf/event-store';
import { metricsText } from '@sf/metrics';
import { appendEach, syncRequested } from '@sf/messaging/testing';
import { WEBHOOK_MODELS } from '@sf/sync-webhooks';
import { createTestDatabase, uniqueName, type TestDatabase } from '@sf/testing';
import { APPLIER_CHECKPOINT } from './apply/webhook-applier';
import { InboxBatcher } from './ingress/inbox-batcher';
import { webhookDelivery } from './testing/webhook-delivery';
import type { WebhooksDb } from './schema/webhooks-schema';
import { registerWebhookHealthGauge, registerWebhookInboxGauges } from './webhook-gauges';

const NOW = new Date('2026-12-04T12:00:00Z');
const LATER = new Date(NOW.getTime() + 86_400_000);

const delivery = (firmId: string, n: number): NewEvent => webhookDelivery(firmId, { id: n });

/** The value of one series of the page, or undefined when it is absent. */
const valueOf = (body: string, series: RegExp): number | undefined => {
  const line = body.split('\n').find((l) => series.test(l));
  return line === undefined ? undefined : Number(line.split(' ').pop());
};

describe('webhooks gauges: health per firm and the inbox (real Postgres)', () => {
  let t: TestDatabase<WebhooksDb>;
  const offs: Array<() => void> = [];
  beforeAll(async () => {
    t = await createTestDatabase<WebhooksDb>();
  });
  afterAll(async () => {
    offs.forEach((off) => off());
    await t?.drop();
  });

  it('reports each firm healthy (2), degraded (1) or off (0) by the scheduler rule, on the clock given', async () => {
    const [healthy, degraded, off] = ['healthy', 'degraded', 'off'].map((s) => uniqueName(`firm-${s}`));
    const sub = (firmId: string, model: string, status: 'active' | 'removed', expiresAt: Date) => ({
      subscription_id: uniqueName('sub'),
      firm_id: firmId,
      model,
      entity_type: model,
      clio_webhook_id: uniqueName('wh'),
      status,
      expires_at: expiresAt,
    });
    await t.db
      .insertInto('webhook_subscriptions')
      .values([
        ...Object.keys(WEBHOOK_MODELS).map((m) => sub(healthy!, m, 'active', LATER)),
        sub(degraded!, 'matter', 'active', LATER),
        // Expired on Clio's clock: counts as not active.
        sub(degraded!, 'contact', 'active', NOW),
        sub(off!, 'matter', 'removed', LATER),
      ])
      .execute();
    offs.push(registerWebhookHealthGauge(t.db, () => NOW));
    const body = (await metricsText()).body;
    const health = (firm: string) => valueOf(body, new RegExp(`^sf_webhook_health\\{firm_id="${firm}"`));
    expect({ healthy: health(healthy!), degraded: health(degraded!), off: health(off!) }).toEqual({
      healthy: 2,
      degraded: 1,
      off: 0,
    });
  });

  it('counts the deliveries after the applier checkpoint, not other events, and the age of the oldest', async () => {
    offs.push(registerWebhookInboxGauges(t.db));
    const firm = uniqueName('firm-inbox');
    const inbox = new InboxBatcher(tablesOf<EventStoreTables, WebhooksDb>(t.db));
    for (const n of [1, 2, 3]) await inbox.append(firm, delivery(firm, n));
    await appendEach(t.db, [syncRequested(firm)]);
    let body = (await metricsText()).body;
    expect(valueOf(body, /^sf_webhook_inbox_deliveries[{ ]/)).toBe(3);
    expect(valueOf(body, /^sf_webhook_inbox_age_seconds[{ ]/)).toBeGreaterThanOrEqual(0);

    const stored = await readStream(t.db, streamIds.webhookInbox(firm));
    await storeCheckpoint(t.db, APPLIER_CHECKPOINT, LogPosition.of(stored[1]!));
    body = (await metricsText()).body;
    expect(valueOf(body, /^sf_webhook_inbox_deliveries[{ ]/)).toBe(1);

    await storeCheckpoint(t.db, APPLIER_CHECKPOINT, LogPosition.of(stored[2]!));
    body = (await metricsText()).body;
    expect({
      deliveries: valueOf(body, /^sf_webhook_inbox_deliveries[{ ]/),
      age: valueOf(body, /^sf_webhook_inbox_age_seconds[{ ]/),
    }).toEqual({ deliveries: 0, age: 0 });
  });
});
