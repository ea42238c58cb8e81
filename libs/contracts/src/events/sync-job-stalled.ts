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

/** v2: the reason, in words a user can act on (shown in the job view). */
export class SyncJobStalledV2 extends SyncJobStalledV1 {
  @Field.text() reason!: string;
}

/** The user-facing reason of a stall (also what a v1 event is upcast with: v1 recorded only the duration). */
export const stallReason = (stalledForMs: number): string =>
  `The sync made no progress for ${Math.max(1, Math.round(stalledForMs / 60_000))} min while Clio's rate budget ` +
  'was available (a sync worker stopped or hung), so it was restarted from its last checkpoint; nothing fetched is ' +
  'lost. If it stalls again, check that a clio-fetcher is running and ready, or cancel the job and request the sync again.';

export const syncJobStalled = defineEvent({
  type: EventTypes.SyncJobStalled,
  // Always appended together with a SyncJobResumed that restarts the job from its last checkpoint.
  description: 'A running sync job made no progress for too long while rate budget was available.',
  streamType: StreamTypes.syncJob,
  currentVersion: 2,
  versions: { 1: SyncJobStalledV1, 2: SyncJobStalledV2 },
  upcasters: { 1: (v1: SyncJobStalledV1): SyncJobStalledV2 => ({ ...v1, reason: stallReason(v1.stalledForMs) }) },
  examples: {
    1: { jobId: 'job-1', lastProgressAt: '2026-01-05T10:00:00.000Z', stalledForMs: 1_800_000 },
    2: {
      jobId: 'job-1',
      lastProgressAt: '2026-01-05T10:00:00.000Z',
      stalledForMs: 300_000,
      reason: stallReason(300_000),
    },
  },
});
