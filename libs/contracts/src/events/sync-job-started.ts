import { defineEvent } from '../event-definition';
import { Field } from '../fields';
import { EventTypes, StreamTypes, SyncPhases, type SyncPhase } from '../wire-names';
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

/** One phase of a phased job's plan: its entity types, in the order they are listed. */
export class PlannedPhase {
  @Field.oneOf(SyncPhases) phase!: SyncPhase;
  @Field.idList() entityTypes!: string[];
}

/** v2: the phase plan of a phased initial sync and its recent window. */
export class SyncJobStartedV2 extends SyncJobStartedV1 {
  /** The phases in the order they run; absent when the job is not phased. */
  @Field.nestedList(() => PlannedPhase, { optional: true }, 10) phases?: PlannedPhase[];
  /** Documents and activities created since this instant are listed first (recent-first); absent: no window. */
  @Field.instant({ optional: true }) recentSince?: string;
}

/** An entity type whose pre-sync count Clio did not back up, and why (`meta.records` absent or not a total). */
export class UnknownEstimate {
  @Field.id() entityType!: string;
  @Field.text({}, 500) reason!: string;
}

/** v3: why an estimate is unknown, per entity type (the ETA and the job view say "unknown" with the reason). */
export class SyncJobStartedV3 extends SyncJobStartedV2 {
  /** Entity types counted before fetching whose count Clio did not back up; absent when every count is known. */
  @Field.nestedList(() => UnknownEstimate, { optional: true }, 50) unknownEstimates?: UnknownEstimate[];
}

/** v4: the pre-sync count of each recent window, so the ETA of a recent-first job counts its second pass. */
export class SyncJobStartedV4 extends SyncJobStartedV3 {
  /**
   * Records created since `recentSince` per recent-first entity type, counted before fetching (they are listed
   * twice: in the recent window, then in the complete listing); absent when not counted.
   */
  @Field.countMap({ optional: true }) recentEstimates?: Record<string, number>;
}

export const syncJobStarted = defineEvent({
  type: EventTypes.SyncJobStarted,
  description: 'A sync job began fetching from Clio for the given scope and entity types.',
  streamType: StreamTypes.syncJob,
  currentVersion: 4,
  versions: { 1: SyncJobStartedV1, 2: SyncJobStartedV2, 3: SyncJobStartedV3, 4: SyncJobStartedV4 },
  // Each version only adds optional fields: an older payload is a valid newer one (its reasons were never recorded).
  upcasters: {
    1: (v1: SyncJobStartedV1): SyncJobStartedV2 => v1,
    2: (v2: SyncJobStartedV2): SyncJobStartedV3 => v2,
    3: (v3: SyncJobStartedV3): SyncJobStartedV4 => v3,
  },
  examples: {
    1: {
      jobId: 'job-1',
      scope: { kind: 'firm' },
      entityTypes: ['matters', 'contacts'],
      estimatedTotal: 4650,
      estimates: { matters: 1250, contacts: 3400 },
      clioStartedAt: '2026-01-05T10:00:00.000Z',
    },
    2: {
      jobId: 'job-1',
      scope: { kind: 'firm' },
      entityTypes: ['matters', 'contacts', 'documents'],
      estimatedTotal: 6650,
      estimates: { matters: 1250, contacts: 3400, documents: 2000 },
      phases: [
        { phase: 'core', entityTypes: ['matters', 'contacts'] },
        { phase: 'historical', entityTypes: ['documents'] },
      ],
      recentSince: '2025-01-05T10:00:00.000Z',
    },
    3: {
      jobId: 'job-1',
      scope: { kind: 'firm' },
      entityTypes: ['matters', 'contacts'],
      estimatedTotal: null,
      estimates: { matters: 1250 },
      unknownEstimates: [{ entityType: 'contacts', reason: 'meta.records is absent' }],
    },
    4: {
      jobId: 'job-1',
      scope: { kind: 'firm' },
      entityTypes: ['matters', 'documents'],
      estimatedTotal: 3250,
      estimates: { matters: 1250, documents: 2000 },
      phases: [
        { phase: 'core', entityTypes: ['matters'] },
        { phase: 'historical', entityTypes: ['documents'] },
      ],
      recentSince: '2025-01-05T10:00:00.000Z',
      recentEstimates: { documents: 300 },
    },
  },
});
