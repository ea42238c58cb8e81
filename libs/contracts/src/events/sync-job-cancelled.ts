import { defineEvent } from '../event-definition';
import { Field } from '../fields';
import { EventTypes, StreamTypes } from '../wire-names';
import { SyncScope } from './sync-scope';

export class SyncJobCancelledV1 {
  @Field.id() jobId!: string;
  /** The scope the job covered; its scope stream is where the job is closed. */
  @Field.nested(() => SyncScope) scope!: SyncScope;
  @Field.text() reason!: string;
}

export const syncJobCancelled = defineEvent({
  type: EventTypes.SyncJobCancelled,
  description: 'A sync job was stopped on request before it finished.',
  streamType: StreamTypes.syncScope,
  currentVersion: 1,
  versions: { 1: SyncJobCancelledV1 },
  upcasters: {},
  examples: { 1: { jobId: 'job-1', scope: { kind: 'matter', matterId: '1001' }, reason: 'Stopped by user' } },
});
