import { defineEvent } from '../event-definition';
import { Field } from '../fields';
import { EventTypes, StreamTypes } from '../wire-names';

export class ProcessingJobRequestedV1 {
  @Field.id() jobId!: string;
  @Field.id() matterId!: string;
  /** Folder to take the documents from; null for the whole matter. */
  @Field.id({ nullable: true }) folderId!: string | null;
  /** Take the folder's whole subtree instead of its direct children. */
  @Field.bool() includeSubfolders!: boolean;
  /** The sync of the never-synced matter this job waits for; `JobStarted` follows once it completes. */
  @Field.id() syncJobId!: string;
}

export const processingJobRequested = defineEvent({
  type: EventTypes.ProcessingJobRequested,
  description:
    'Processing was asked for a matter never synced: the job waits for the sync it requested, then freezes its snapshot.',
  streamType: StreamTypes.processingJob,
  currentVersion: 1,
  versions: { 1: ProcessingJobRequestedV1 },
  upcasters: {},
  examples: { 1: { jobId: 'pjob-1', matterId: '1001', folderId: null, includeSubfolders: false, syncJobId: 'job-1' } },
});
