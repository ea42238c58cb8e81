import { defineEvent } from '../event-definition';
import { Field } from '../fields';
import { EventTypes, StreamTypes } from '../wire-names';

export class JobCompletedV1 {
  @Field.id() jobId!: string;
  /** Documents of the snapshot by outcome; they add up to the snapshot size. */
  @Field.integer() processed!: number;
  @Field.integer() skipped!: number;
  @Field.integer() failed!: number;
}

export const jobCompleted = defineEvent({
  type: EventTypes.JobCompleted,
  description: 'A processing job reached an outcome for every document of its snapshot.',
  streamType: StreamTypes.processingJob,
  currentVersion: 1,
  versions: { 1: JobCompletedV1 },
  upcasters: {},
  examples: { 1: { jobId: 'pjob-1', processed: 1, skipped: 1, failed: 0 } },
});
