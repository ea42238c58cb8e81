import { defineEvent } from '../event-definition';
import { Field } from '../fields';
import { EventTypes, StreamTypes } from '../wire-names';

export class SyncJobCancelledV1 {
  @Field.id() jobId!: string;
  @Field.text() reason!: string;
}

export const syncJobCancelled = defineEvent({
  type: EventTypes.SyncJobCancelled,
  description: 'A sync job was stopped on request before it finished.',
  streamType: StreamTypes.syncJob,
  currentVersion: 1,
  versions: { 1: SyncJobCancelledV1 },
  upcasters: {},
  examples: { 1: { jobId: 'job-1', reason: 'Stopped by user' } },
});
