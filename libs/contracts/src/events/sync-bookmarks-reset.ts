import { defineEvent } from '../event-definition';
import { Field } from '../fields';
import { EventTypes, StreamTypes } from '../wire-names';
import { SyncScope } from './sync-scope';

export class SyncBookmarksResetV1 {
  /** The job the reset was asked through (`POST /sync-jobs/{id}/reset`); cancelled first when it was active. */
  @Field.id() jobId!: string;
  /** The scope whose incremental bookmarks (`updated_since` per entity type) are forgotten. */
  @Field.nested(() => SyncScope) scope!: SyncScope;
  /** User who asked; absent or null for operators and tools. */
  @Field.id({ optional: true, nullable: true }) requestedBy?: string | null;
}

export const syncBookmarksReset = defineEvent({
  type: EventTypes.SyncBookmarksReset,
  // The next sync of the scope lists every entity type in full (and may then sweep deletions).
  description: 'The incremental bookmarks of a sync scope were reset; its next sync is a full one.',
  streamType: StreamTypes.syncScope,
  currentVersion: 1,
  versions: { 1: SyncBookmarksResetV1 },
  upcasters: {},
  examples: { 1: { jobId: 'job-1', scope: { kind: 'matter', matterId: '1001' }, requestedBy: 'user-7' } },
});
