import { defineEvent } from '../event-definition';
import { Field } from '../fields';
import { EventTypes, StreamTypes } from '../wire-names';

export class JobCancelledV1 {
  @Field.id() jobId!: string;
  @Field.text() reason!: string;
}

export const jobCancelled = defineEvent({
  type: EventTypes.JobCancelled,
  description: 'A processing job was stopped on request before it finished.',
  streamType: StreamTypes.processingJob,
  currentVersion: 1,
  versions: { 1: JobCancelledV1 },
  upcasters: {},
  examples: { 1: { jobId: 'pjob-1', reason: 'Stopped by user' } },
});
