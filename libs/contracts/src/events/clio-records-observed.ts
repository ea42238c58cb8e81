import { defineEvent } from '../event-definition';
import { Field } from '../fields';
import { EventTypes, ObservationSources, StreamTypes, type ObservationSource } from '../wire-names';

export class ClioRecordsObservedV1 {
  /** Clio resource name of the mirror entity type, e.g. `matters`. */
  @Field.id() entityType!: string;
  @Field.oneOf(ObservationSources) source!: ObservationSource;
  /**
   * Records as observed (webhook payload or a fetch by `ids[]`), each with `id`, `etag` and `updated_at`: the mirror
   * writes one only over an older `updated_at`, so late or repeated observations never move a row backwards.
   */
  @Field.recordList() records!: Array<Record<string, unknown>>;
  /** Ids Clio reported deleted (documents and folders are soft-deleted, the others deleted). */
  @Field.idList() deletedIds!: string[];
  /** Event ids of the `ClioWebhookReceived` deliveries this applies. */
  @Field.idList() deliveryIds!: string[];
}

export const clioRecordsObserved = defineEvent({
  type: EventTypes.ClioRecordsObserved,
  description:
    'Webhook deliveries applied: records to write into the mirror (newer updated_at wins) and ids Clio deleted.',
  streamType: StreamTypes.webhookInbox,
  currentVersion: 1,
  versions: { 1: ClioRecordsObservedV1 },
  upcasters: {},
  examples: {
    1: {
      entityType: 'matters',
      source: 'webhook_payload',
      records: [{ id: 1001, etag: '"a1b2"', updated_at: '2026-01-01T00:00:00Z' }],
      deletedIds: [],
      deliveryIds: ['9b2f6c1e-1a3b-4c5d-8e9f-0a1b2c3d4e5f'],
    },
  },
});
