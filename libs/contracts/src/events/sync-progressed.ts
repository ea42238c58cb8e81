import { defineEvent } from '../event-definition';
import { Field } from '../fields';
import { EventTypes, StreamTypes } from '../wire-names';

export class SyncProgressedV1 {
  @Field.id() jobId!: string;
  @Field.id() entityType!: string;
  /** Records fetched so far for this entity type in this job (cumulative, not a delta). */
  @Field.integer() fetched!: number;
  /** Records Clio reports for this entity type; null when unknown. */
  @Field.integer({ nullable: true }) total!: number | null;
}

export const syncProgressed = defineEvent({
  type: EventTypes.SyncProgressed,
  description: 'A sync job fetched more records of one entity type (cumulative count per entity type).',
  streamType: StreamTypes.syncJob,
  currentVersion: 1,
  versions: { 1: SyncProgressedV1 },
  upcasters: {},
  examples: { 1: { jobId: 'job-1', entityType: 'matters', fetched: 200, total: 1250 } },
});
