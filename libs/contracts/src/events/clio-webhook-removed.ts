import { defineEvent } from '../event-definition';
import { Field } from '../fields';
import { EventTypes, StreamTypes, WebhookRemovalReasons, type WebhookRemovalReason } from '../wire-names';

export class ClioWebhookRemovedV1 {
  @Field.id() subscriptionId!: string;
  @Field.id() clioWebhookId!: string;
  @Field.oneOf(WebhookRemovalReasons) reason!: WebhookRemovalReason;
}

export const clioWebhookRemoved = defineEvent({
  type: EventTypes.ClioWebhookRemoved,
  description:
    'A Clio webhook subscription ended: deleted on disconnect, or found suspended or missing (then replaced).',
  streamType: StreamTypes.clioWebhooks,
  currentVersion: 1,
  versions: { 1: ClioWebhookRemovedV1 },
  upcasters: {},
  examples: { 1: { subscriptionId: 'whs-1', clioWebhookId: '41', reason: 'disconnected' } },
});
