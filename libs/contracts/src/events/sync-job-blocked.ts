import { defineEvent } from '../event-definition';
import { Field } from '../fields';
import { EventTypes, StreamTypes } from '../wire-names';

export class SyncJobBlockedV1 {
  @Field.id() jobId!: string;
  @Field.text() reason!: string;
  /** Earliest instant the job may continue (e.g. when Clio's rate limit window resets). */
  @Field.instant() blockedUntil!: string;
}

export const syncJobBlocked = defineEvent({
  type: EventTypes.SyncJobBlocked,
  description: 'A sync job paused until a given instant (rate limit or another temporary obstacle).',
  streamType: StreamTypes.syncJob,
  currentVersion: 1,
  versions: { 1: SyncJobBlockedV1 },
  upcasters: {},
  examples: { 1: { jobId: 'job-1', reason: 'Clio rate limit reached', blockedUntil: '2026-01-05T10:01:00.000Z' } },
});
