import { defineEvent } from '../event-definition';
import { Field, rule } from '../fields';
import {
  EventTypes,
  ListingWindows,
  StreamTypes,
  SyncFeatures,
  SyncPhases,
  type ListingWindow,
  type SyncFeature,
  type SyncPhase,
} from '../wire-names';

const FEATURES: readonly string[] = Object.values(SyncFeatures);
const isFeatureList = (v: unknown): boolean =>
  Array.isArray(v) && v.length <= FEATURES.length && v.every((f) => typeof f === 'string' && FEATURES.includes(f));

export class SyncPhaseCompletedV1 {
  @Field.id() jobId!: string;
  @Field.oneOf(SyncPhases) phase!: SyncPhase;
  /** `recent`: only the phase's recent window is complete (recent-first); absent: the whole phase. */
  @Field.oneOf(ListingWindows, { optional: true }) window?: ListingWindow;
  /** Entity types whose mirror is complete (for `recent`: complete for records created since `recentSince`). */
  @Field.idList() entityTypes!: string[];
  /**
   * Features the phase makes usable from now on. A feature reading an entity type Clio refused in this job
   * (`SyncEntityForbidden`) is not: the job view withholds it, with the reason.
   */
  @Field.idList()
  @rule('isFeatureList', isFeatureList, `must be an array of ${FEATURES.join(', ')}`)
  features!: SyncFeature[];
}

export const syncPhaseCompleted = defineEvent({
  type: EventTypes.SyncPhaseCompleted,
  // Appended after the phase's last listing and deletion check, so the mirror holds the phase once it is projected.
  description: 'A phase of a phased initial sync completed; its entity types are mirrored and its features usable.',
  streamType: StreamTypes.syncJob,
  currentVersion: 1,
  versions: { 1: SyncPhaseCompletedV1 },
  upcasters: {},
  examples: {
    1: { jobId: 'job-1', phase: 'core', entityTypes: ['users', 'matters'], features: ['matters', 'contacts'] },
  },
});
