import { defineEvent } from '../event-definition';
import { Field } from '../fields';
import { EventTypes, StreamTypes } from '../wire-names';

export class ClioWebhookReceivedV1 {
  @Field.id() subscriptionId!: string;
  @Field.id() clioWebhookId!: string;
  /** The mirror entity type the delivery is about, e.g. `matters`. */
  @Field.id() entityType!: string;
  /** `meta.event` as Clio sent it: `created`, `updated`, `deleted`, `matter_opened`, … */
  @Field.id() event!: string;
  /** SHA-256 (hex) of the raw body: a redelivery of the same body is the same delivery. */
  @Field.pattern(/^[0-9a-f]{64}$/, 'a lowercase hex SHA-256') bodySha256!: string;
  /** The payload's `data` (one record: the webhook's `fields`, metadata, never document content). */
  @Field.recordList() records!: Array<Record<string, unknown>>;
}

export const clioWebhookReceived = defineEvent({
  type: EventTypes.ClioWebhookReceived,
  description:
    'A Clio webhook delivery whose signature verified, recorded before the ingress answered 2xx (the raw inbox).',
  streamType: StreamTypes.webhookInbox,
  currentVersion: 1,
  versions: { 1: ClioWebhookReceivedV1 },
  upcasters: {},
  examples: {
    1: {
      subscriptionId: 'whs-1',
      clioWebhookId: '41',
      entityType: 'matters',
      event: 'updated',
      bodySha256: 'a'.repeat(64),
      records: [{ id: 1001, etag: '"a1b2"', updated_at: '2026-01-01T00:00:00Z' }],
    },
  },
});
