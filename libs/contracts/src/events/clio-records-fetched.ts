import { defineEvent } from '../event-definition';
import { Field } from '../fields';
import { EventTypes, StreamTypes } from '../wire-names';

export class ClioRecordsFetchedV1 {
  @Field.id() jobId!: string;
  /** Clio resource name, e.g. `matters`, `contacts`, `documents`. */
  @Field.id() entityType!: string;
  /**
   * One page of records as Clio returned them (the requested `fields`), each with `id` and `etag`. Records are
   * metadata, never document content; the mirror read models are projected from these events.
   */
  @Field.recordList() records!: Array<Record<string, unknown>>;
}

export const clioRecordsFetched = defineEvent({
  type: EventTypes.ClioRecordsFetched,
  description: 'A sync job fetched one page of Clio records; the mirror tables are projected from these pages.',
  streamType: StreamTypes.syncJob,
  currentVersion: 1,
  versions: { 1: ClioRecordsFetchedV1 },
  upcasters: {},
  examples: {
    1: {
      jobId: 'job-1',
      entityType: 'matters',
      records: [{ id: 1001, etag: '"a1b2"', display_number: '00001-Smith', updated_at: '2026-01-01T00:00:00Z' }],
    },
  },
});
