import { defineEvent } from '../event-definition';
import { Field } from '../fields';
import { EventTypes, StreamTypes } from '../wire-names';
import { SyncScope } from './sync-scope';

export class SyncJobStartedV1 {
  @Field.id() jobId!: string;
  @Field.nested(() => SyncScope) scope!: SyncScope;
  @Field.idList() entityTypes!: string[];
  /** Records expected across all entity types; null when Clio gives no total. */
  @Field.integer({ nullable: true }) estimatedTotal!: number | null;
}

export const syncJobStarted = defineEvent({
  type: EventTypes.SyncJobStarted,
  description: 'A sync job began fetching from Clio for the given scope and entity types.',
  streamType: StreamTypes.syncJob,
  currentVersion: 1,
  versions: { 1: SyncJobStartedV1 },
  upcasters: {},
  examples: { 1: { jobId: 'job-1', scope: { kind: 'firm' }, entityTypes: ['matters', 'contacts'], estimatedTotal: null } },
});
