import { defineEvent } from '../event-definition';
import { Field } from '../fields';
import { EventTypes, StreamTypes } from '../wire-names';

export class ClioWebhookRenewedV1 {
  @Field.id() subscriptionId!: string;
  @Field.id() clioWebhookId!: string;
  /** The new `expires_at` Clio accepted. */
  @Field.instant() expiresAt!: string;
}

export const clioWebhookRenewed = defineEvent({
  type: EventTypes.ClioWebhookRenewed,
  description: "A Clio webhook's expiry was moved forward before it lapsed.",
  streamType: StreamTypes.clioWebhooks,
  currentVersion: 1,
  versions: { 1: ClioWebhookRenewedV1 },
  upcasters: {},
  examples: { 1: { subscriptionId: 'whs-1', clioWebhookId: '41', expiresAt: '2026-02-28T00:00:00.000Z' } },
});
