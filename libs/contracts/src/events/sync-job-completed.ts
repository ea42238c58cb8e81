import { defineEvent } from '../event-definition';
import { Field } from '../fields';
import { EventTypes, StreamTypes } from '../wire-names';
import { SyncScope } from './sync-scope';

export class SyncJobCompletedV1 {
  @Field.id() jobId!: string;
  /** The scope the job covered; its scope stream is where the job is closed. */
  @Field.nested(() => SyncScope) scope!: SyncScope;
  /** Records synced per entity type. */
  @Field.countMap() counts!: Record<string, number>;
}

export const syncJobCompleted = defineEvent({
  type: EventTypes.SyncJobCompleted,
  description: 'A sync job fetched every entity type in its scope completely.',
  streamType: StreamTypes.syncScope,
  currentVersion: 1,
  versions: { 1: SyncJobCompletedV1 },
  upcasters: {},
  examples: {
    1: { jobId: 'job-1', scope: { kind: 'matter', matterId: '1001' }, counts: { matters: 1250, contacts: 3400 } },
  },
});
