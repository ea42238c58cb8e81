import { defineEvent } from '../event-definition';
import { Field } from '../fields';
import { EventTypes, StreamTypes } from '../wire-names';

export class SyncJobStalledV1 {
  @Field.id() jobId!: string;
  /** The last sign of progress the orchestrator saw (last job event, or the request before the first one). */
  @Field.instant() lastProgressAt!: string;
  /** How long the job had made no progress when it was flagged, in milliseconds. */
  @Field.integer() stalledForMs!: number;
}

export const syncJobStalled = defineEvent({
  type: EventTypes.SyncJobStalled,
  // Always appended together with a SyncJobResumed that restarts the job from its last checkpoint.
  description: 'A running sync job made no progress for too long while rate budget was available.',
  streamType: StreamTypes.syncJob,
  currentVersion: 1,
  versions: { 1: SyncJobStalledV1 },
  upcasters: {},
  examples: { 1: { jobId: 'job-1', lastProgressAt: '2026-01-05T10:00:00.000Z', stalledForMs: 1_800_000 } },
});
