import { defineEvent } from '../event-definition';
import { Field } from '../fields';
import { EventTypes, StreamTypes } from '../wire-names';

export class SyncJobPausedV1 {
  @Field.id() jobId!: string;
  /** Why the job was paused: a person's note, or `cancelled` when the pause fences a job being cancelled. */
  @Field.text() reason!: string;
}

export const syncJobPaused = defineEvent({
  type: EventTypes.SyncJobPaused,
  // The job stays the active job of its scope; a worker appending after this gets a version conflict and stops.
  description: 'A sync job was paused on request and waits for SyncJobResumed (or cancellation).',
  streamType: StreamTypes.syncJob,
  currentVersion: 1,
  versions: { 1: SyncJobPausedV1 },
  upcasters: {},
  examples: { 1: { jobId: 'job-1', reason: 'Stopped by user' } },
});
