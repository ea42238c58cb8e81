import { defineEvent } from '../event-definition';
import { Field } from '../fields';
import { EventTypes, ListingWindows, StreamTypes, type ListingWindow } from '../wire-names';

export class SyncListingRestartedV1 {
  @Field.id() jobId!: string;
  @Field.id() entityType!: string;
  /** Largest Clio id the listing had stored: records up to it are skipped when the listing comes round again. */
  @Field.id({ nullable: true }) afterId!: string | null;
  /** Why the page cursor could not be used (status and error type). */
  @Field.text({}, 200) reason!: string;
  /** The recent window's listing restarted (recent-first); absent: the entity type's complete listing. */
  @Field.oneOf(ListingWindows, { optional: true }) window?: ListingWindow;
}

export const syncListingRestarted = defineEvent({
  type: EventTypes.SyncListingRestarted,
  // Expired after a block, a pause or a crash: the ids already stored are skipped when the listing comes round again.
  description: "Clio refused an entity type's page cursor; its listing starts again from the first page in id order.",
  streamType: StreamTypes.syncJob,
  currentVersion: 1,
  versions: { 1: SyncListingRestartedV1 },
  upcasters: {},
  examples: {
    1: { jobId: 'job-1', entityType: 'contacts', afterId: '4711', reason: 'page_token refused: HTTP 400 BadRequest' },
  },
});
