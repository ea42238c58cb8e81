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

/** A payload record and the version of its second it is known to follow (the one a `created` delivery carried). */
export class SupersededVersion {
  @Field.id() id!: string;
  @Field.text({}, 200) etag!: string;
}

/**
 * v2: payload records known to be newer than a same-second version. Clio's `updated_at` has one-second precision, so
 * the mirror does not write a payload over another etag of its second; but a `created` delivery carries a record's
 * first version, and any `updated` one of that second is newer. The mirror writes such a record over exactly that
 * etag (a new matter linked to its folder in its creation second needs no fetch when the two land in two passes).
 */
export class ClioRecordsObservedV2 extends ClioRecordsObservedV1 {
  /** Absent or empty: every record is written only over an older `updated_at`. */
  @Field.nestedList(() => SupersededVersion, { optional: true }, 200) supersedes?: SupersededVersion[];
}

export const clioRecordsObserved = defineEvent({
  type: EventTypes.ClioRecordsObserved,
  description:
    'Webhook deliveries applied: records to write into the mirror (newer updated_at wins) and ids Clio deleted.',
  streamType: StreamTypes.webhookInbox,
  currentVersion: 2,
  versions: { 1: ClioRecordsObservedV1, 2: ClioRecordsObservedV2 },
  // v2 only adds an optional field: a v1 payload is a valid v2 one (it superseded nothing).
  upcasters: { 1: (v1: ClioRecordsObservedV1): ClioRecordsObservedV2 => v1 },
  examples: {
    1: {
      entityType: 'matters',
      source: 'webhook_payload',
      records: [{ id: 1001, etag: '"a1b2"', updated_at: '2026-01-01T00:00:00Z' }],
      deletedIds: [],
      deliveryIds: ['9b2f6c1e-1a3b-4c5d-8e9f-0a1b2c3d4e5f'],
    },
    2: {
      entityType: 'matters',
      source: 'webhook_payload',
      records: [{ id: 1001, etag: '"b2c3"', updated_at: '2026-01-01T00:00:00Z' }],
      deletedIds: [],
      deliveryIds: ['0c3a7d2f-2b4c-4d6e-9fa0-1b2c3d4e5f60'],
      supersedes: [{ id: '1001', etag: '"a1b2"' }],
    },
  },
});
