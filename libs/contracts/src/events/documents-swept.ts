import { defineEvent } from '../event-definition';
import { Field } from '../fields';
import { EventTypes, StreamTypes } from '../wire-names';

export class DocumentsSweptV1 {
  @Field.id() jobId!: string;
  /** The matter whose documents were swept; absent for a firm-wide sweep. */
  @Field.id({ optional: true }) matterId?: string;
  /**
   * Clio resource swept: `documents` when absent; `folders`, or another entity type whose deletions a firm-wide
   * sync detected (Clio has no tombstones, so a complete listing or a count comparison is the only evidence).
   */
  @Field.id({ optional: true }) entityType?: string;
  /** Documents in the complete listing the sweep compared against. */
  @Field.integer() listed!: number;
  /** Mirror documents missing from the listing, now soft-deleted. */
  @Field.idList() softDeletedIds!: string[];
  /** Soft-deleted documents that reappeared in the listing. */
  @Field.idList() restoredIds!: string[];
  /** True when the sweep would delete suspiciously many documents and waits for review instead. */
  @Field.bool() heldForReview!: boolean;
  /** With `heldForReview`: the documents the sweep would have soft-deleted (nothing was deleted). */
  @Field.idList({ optional: true }) heldIds?: string[];
}

export const documentsSwept = defineEvent({
  type: EventTypes.DocumentsSwept,
  description: "A matter's (or the firm's) documents were compared with a complete Clio listing and missing ones soft-deleted.",
  streamType: StreamTypes.syncJob,
  currentVersion: 1,
  versions: { 1: DocumentsSweptV1 },
  upcasters: {},
  examples: {
    1: { jobId: 'job-1', matterId: '1001', entityType: 'documents', listed: 42, softDeletedIds: ['5003'], restoredIds: [], heldForReview: false },
  },
});
