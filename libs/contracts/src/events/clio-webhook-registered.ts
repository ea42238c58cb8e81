import { defineEvent } from '../event-definition';
import { Field } from '../fields';
import { EventTypes, StreamTypes } from '../wire-names';

export class ClioWebhookRegisteredV1 {
  /** Our id of the subscription (the last segment of the URL Clio posts to). */
  @Field.id() subscriptionId!: string;
  /** Clio's webhook id. */
  @Field.id() clioWebhookId!: string;
  /** Clio's webhook model, e.g. `matter`, `calendar_entry`. */
  @Field.id() model!: string;
  /** The mirror entity type its deliveries update, e.g. `matters`. */
  @Field.id() entityType!: string;
  @Field.instant() expiresAt!: string;
}

export const clioWebhookRegistered = defineEvent({
  type: EventTypes.ClioWebhookRegistered,
  description:
    'A Clio webhook was created for one model of the firm (its secret is sealed in the vault, never in events).',
  streamType: StreamTypes.clioWebhooks,
  currentVersion: 1,
  versions: { 1: ClioWebhookRegisteredV1 },
  upcasters: {},
  examples: {
    1: {
      subscriptionId: 'whs-1',
      clioWebhookId: '41',
      model: 'matter',
      entityType: 'matters',
      expiresAt: '2026-01-31T00:00:00.000Z',
    },
  },
});
