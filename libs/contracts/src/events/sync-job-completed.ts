import { defineEvent } from '../event-definition';
import { Field } from '../fields';
import { EventTypes, StreamTypes } from '../wire-names';

export class SyncJobCompletedV1 {
  @Field.id() jobId!: string;
  /** Records synced per entity type. */
  @Field.countMap() counts!: Record<string, number>;
}

export const syncJobCompleted = defineEvent({
  type: EventTypes.SyncJobCompleted,
  description: 'A sync job fetched every entity type in its scope completely.',
  streamType: StreamTypes.syncJob,
  currentVersion: 1,
  versions: { 1: SyncJobCompletedV1 },
  upcasters: {},
  examples: { 1: { jobId: 'job-1', counts: { matters: 1250, contacts: 3400 } } },
});
