import { defineEvent } from '../event-definition';
import { Field } from '../fields';
import { EventTypes, ListingWindows, StreamTypes, SyncModes, type ListingWindow, type SyncMode } from '../wire-names';

export class SyncProgressedV1 {
  @Field.id() jobId!: string;
  @Field.id() entityType!: string;
  /** Records fetched so far for this entity type in this job (cumulative, not a delta). */
  @Field.integer() fetched!: number;
  /** Records Clio reports for this entity type; null when unknown. */
  @Field.integer({ nullable: true }) total!: number | null;
  /**
   * Where this entity type resumes after a crash: Clio's `meta.paging.next` URL of the next page, or null when
   * the entity type is complete. Absent on progress that is not a checkpoint.
   */
  @Field.text({ optional: true, nullable: true }, 4000) cursor?: string | null;
  /** `full` (initial listing) or `incremental` (from the `updated_since` bookmark). */
  @Field.oneOf(SyncModes, { optional: true }) mode?: SyncMode;
}

/** v2: progress of a listing window (the recent window of a recent-first listing). */
export class SyncProgressedV2 extends SyncProgressedV1 {
  /** `recent`: the listing of records created since the job's `recentSince`; absent: the complete listing. */
  @Field.oneOf(ListingWindows, { optional: true }) window?: ListingWindow;
}

/** v3: the Clio requests the page took, so a job's story shows what each page cost. */
export class SyncProgressedV3 extends SyncProgressedV2 {
  /** Requests sent to Clio for this page (retries and 429s included); absent on progress that is not a page. */
  @Field.integer({ optional: true }) apiCalls?: number;
}

export const syncProgressed = defineEvent({
  type: EventTypes.SyncProgressed,
  description: 'A sync job fetched more records of one entity type (cumulative count per entity type).',
  streamType: StreamTypes.syncJob,
  currentVersion: 3,
  versions: { 1: SyncProgressedV1, 2: SyncProgressedV2, 3: SyncProgressedV3 },
  // v1 → v2 → v3 each only add an optional field.
  upcasters: { 1: (v1: SyncProgressedV1): SyncProgressedV2 => v1, 2: (v2: SyncProgressedV2): SyncProgressedV3 => v2 },
  examples: {
    1: {
      jobId: 'job-1',
      entityType: 'matters',
      fetched: 200,
      total: 1250,
      cursor: 'https://app.clio.com/api/v4/matters.json?page_token=abc',
      mode: 'full',
    },
    2: {
      jobId: 'job-1',
      entityType: 'documents',
      fetched: 200,
      total: 900,
      cursor: 'https://app.clio.com/api/v4/documents.json?page_token=abc',
      mode: 'full',
      window: 'recent',
    },
    3: {
      jobId: 'job-1',
      entityType: 'documents',
      fetched: 400,
      total: 900,
      cursor: 'https://app.clio.com/api/v4/documents.json?page_token=def',
      mode: 'full',
      apiCalls: 2,
    },
  },
});
