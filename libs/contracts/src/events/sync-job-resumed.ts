import { defineEvent } from '../event-definition';
import { Field } from '../fields';
import { EventTypes, StreamTypes } from '../wire-names';

export class SyncJobResumedV1 {
  @Field.id() jobId!: string;
}

export const syncJobResumed = defineEvent({
  type: EventTypes.SyncJobResumed,
  description: 'A blocked or interrupted sync job continued from its last checkpoint.',
  streamType: StreamTypes.syncJob,
  currentVersion: 1,
  versions: { 1: SyncJobResumedV1 },
  upcasters: {},
  examples: { 1: { jobId: 'job-1' } },
});
