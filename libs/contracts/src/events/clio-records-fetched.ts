import { defineEvent } from '../event-definition';
import { Field } from '../fields';
import { EventTypes, StreamTypes, SyncModes, type SyncMode } from '../wire-names';

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

/** v2: how the page was listed, so the mirror's change events say initial (full) or incremental sync. */
export class ClioRecordsFetchedV2 extends ClioRecordsFetchedV1 {
  /** `full` (a complete listing) or `incremental` (since the bookmark); absent: a re-fetch by a deletion check. */
  @Field.oneOf(SyncModes, { optional: true }) mode?: SyncMode;
}

export const clioRecordsFetched = defineEvent({
  type: EventTypes.ClioRecordsFetched,
  description: 'A sync job fetched one page of Clio records; the mirror tables are projected from these pages.',
  streamType: StreamTypes.syncJob,
  currentVersion: 2,
  versions: { 1: ClioRecordsFetchedV1, 2: ClioRecordsFetchedV2 },
  // v1 → v2 only adds an optional field.
  upcasters: { 1: (v1: ClioRecordsFetchedV1): ClioRecordsFetchedV2 => v1 },
  examples: {
    1: {
      jobId: 'job-1',
      entityType: 'matters',
      records: [{ id: 1001, etag: '"a1b2"', display_number: '00001-Smith', updated_at: '2026-01-01T00:00:00Z' }],
    },
    2: {
      jobId: 'job-1',
      entityType: 'matters',
      mode: 'incremental',
      records: [{ id: 1001, etag: '"a1b3"', display_number: '00001-Smith', updated_at: '2026-01-02T00:00:00Z' }],
    },
  },
});
