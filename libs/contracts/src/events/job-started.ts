import { defineEvent } from '../event-definition';
import { Field } from '../fields';
import { EventTypes, StreamTypes } from '../wire-names';

export class JobStartedV1 {
  @Field.id() jobId!: string;
  @Field.id() matterId!: string;
  /** Folder the documents were taken from; null for the whole matter. */
  @Field.id({ nullable: true }) folderId!: string | null;
  /** The frozen snapshot: exactly the documents this job processes, whatever a later sync changes. */
  @Field.idList() documentIds!: string[];
}

export const jobStarted = defineEvent({
  type: EventTypes.JobStarted,
  description: 'A processing job started over a frozen snapshot of the documents of a matter or folder.',
  streamType: StreamTypes.processingJob,
  currentVersion: 1,
  versions: { 1: JobStartedV1 },
  upcasters: {},
  examples: { 1: { jobId: 'pjob-1', matterId: '1001', folderId: null, documentIds: ['5001', '5002'] } },
});
