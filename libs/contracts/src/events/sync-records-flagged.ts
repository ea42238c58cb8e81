import { defineEvent } from '../event-definition';
import { Field } from '../fields';
import { EventTypes, StreamTypes } from '../wire-names';

/** One record of a page that failed validation; it is left out of the mirror and flagged for review. */
export class FlaggedRecord {
  /** The record's id as Clio sent it (as a string); null when the record had no usable id. */
  @Field.id({ nullable: true }) id!: string | null;
  /** What is wrong, by field name (`etag: must be a string`); never the field's value. */
  @Field.text() reason!: string;
}

export class SyncRecordsFlaggedV1 {
  @Field.id() jobId!: string;
  /** Clio resource of the page, e.g. `documents`. */
  @Field.id() entityType!: string;
  @Field.nestedList(() => FlaggedRecord) records!: FlaggedRecord[];
}

export const syncRecordsFlagged = defineEvent({
  type: EventTypes.SyncRecordsFlagged,
  // Appended in the same call as the page's ClioRecordsFetched + SyncProgressed; the sync carries on.
  description: 'Records of a fetched page failed validation; they were left out of the mirror and flagged for review.',
  streamType: StreamTypes.syncJob,
  currentVersion: 1,
  versions: { 1: SyncRecordsFlaggedV1 },
  upcasters: {},
  examples: {
    1: {
      jobId: 'job-1',
      entityType: 'documents',
      records: [
        { id: '5003', reason: 'etag: must be a string' },
        { id: null, reason: 'id: is required' },
      ],
    },
  },
});
