import { defineEvent } from '../event-definition';
import { Field } from '../fields';
import { EventTypes, StreamTypes, SyncModes, type SyncMode } from '../wire-names';

/**
 * One entity type's mirror records compared with a complete Clio listing. Stored before the rename as
 * `DocumentsSwept` (see `FormerEventTypes`), which readers receive as this type.
 */
export class RecordsSweptV1 {
  @Field.id() jobId!: string;
  /** The matter whose records were swept; absent for a firm-wide sweep. */
  @Field.id({ optional: true }) matterId?: string;
  /**
   * Clio resource swept: `documents` when absent; `folders`, or another entity type whose deletions a firm-wide
   * sync detected (Clio has no tombstones, so a complete listing or a count comparison is the only evidence).
   */
  @Field.id({ optional: true }) entityType?: string;
  /** Records in the complete listing the sweep compared against. */
  @Field.integer() listed!: number;
  /** Mirror records missing from the listing, now soft-deleted. */
  @Field.idList() softDeletedIds!: string[];
  /** Soft-deleted records that reappeared in the listing. */
  @Field.idList() restoredIds!: string[];
  /** True when the sweep would delete suspiciously many records and waits for review instead. */
  @Field.bool() heldForReview!: boolean;
  /** With `heldForReview`: the records the sweep would have soft-deleted (nothing was deleted). */
  @Field.idList({ optional: true }) heldIds?: string[];
}

/** v2: how deletions were found, so the mirror's change events say initial (full) or incremental sync. */
export class RecordsSweptV2 extends RecordsSweptV1 {
  /** `full`: a complete listing; `incremental`: an incremental sync's count comparison. Absent on older sweeps. */
  @Field.oneOf(SyncModes, { optional: true }) mode?: SyncMode;
}

export const recordsSwept = defineEvent({
  type: EventTypes.RecordsSwept,
  description:
    'Mirror records of one entity type were compared with a complete Clio listing; missing ones soft-deleted.',
  streamType: StreamTypes.syncJob,
  currentVersion: 2,
  versions: { 1: RecordsSweptV1, 2: RecordsSweptV2 },
  // v1 → v2 only adds an optional field.
  upcasters: { 1: (v1: RecordsSweptV1): RecordsSweptV2 => v1 },
  examples: {
    1: {
      jobId: 'job-1',
      matterId: '1001',
      entityType: 'documents',
      listed: 42,
      softDeletedIds: ['5003'],
      restoredIds: [],
      heldForReview: false,
    },
    2: {
      jobId: 'job-1',
      entityType: 'contacts',
      listed: 1200,
      softDeletedIds: ['77'],
      restoredIds: [],
      heldForReview: false,
      mode: 'incremental',
    },
  },
});
