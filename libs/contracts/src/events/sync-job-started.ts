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
  /** Records Clio reports per entity type before fetching (pre-sync estimate and ETA); absent when not counted. */
  @Field.countMap({ optional: true }) estimates?: Record<string, number>;
  /**
   * Clio's clock (HTTP `Date` of the job's first response) when the job started; absent when unknown. Incremental
   * bookmarks are taken from it (minus an overlap), never from "latest updated_at seen".
   */
  @Field.instant({ optional: true }) clioStartedAt?: string;
}

export const syncJobStarted = defineEvent({
  type: EventTypes.SyncJobStarted,
  description: 'A sync job began fetching from Clio for the given scope and entity types.',
  streamType: StreamTypes.syncJob,
  currentVersion: 1,
  versions: { 1: SyncJobStartedV1 },
  upcasters: {},
  examples: {
    1: {
      jobId: 'job-1',
      scope: { kind: 'firm' },
      entityTypes: ['matters', 'contacts'],
      estimatedTotal: 4650,
      estimates: { matters: 1250, contacts: 3400 },
      clioStartedAt: '2026-01-05T10:00:00.000Z',
    },
  },
});
