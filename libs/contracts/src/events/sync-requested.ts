import { defineEvent } from '../event-definition';
import { Field } from '../fields';
import { EventTypes, StreamTypes, SyncScopeKinds, SyncTriggers, type SyncTrigger } from '../wire-names';
import { SyncScope } from './sync-scope';

/** v1: a matter id or nothing (firm-wide). Superseded by v2; readers receive it upcast. */
export class SyncRequestedV1 {
  @Field.id() jobId!: string;
  @Field.oneOf(SyncTriggers) trigger!: SyncTrigger;
  @Field.id({ optional: true }) matterId?: string;
}

export class SyncRequestedV2 {
  @Field.id() jobId!: string;
  @Field.nested(() => SyncScope) scope!: SyncScope;
  @Field.oneOf(SyncTriggers) trigger!: SyncTrigger;
  /** User who asked; absent or null for webhooks, the schedule and maintenance. */
  @Field.id({ optional: true, nullable: true }) requestedBy?: string | null;
  /** Entity types to sync; absent means every entity type. */
  @Field.idList({ optional: true }) entityTypes?: string[];
}

/** v3: a re-sync of some entity types, and the phased onboarding plan of a firm-wide initial sync. */
export class SyncRequestedV3 extends SyncRequestedV2 {
  /**
   * Every requested entity type is listed in full and swept, whatever its bookmark (a re-sync of one type); the
   * other types are not touched. Absent: as the bookmarks allow.
   */
  @Field.bool({ optional: true }) fullListing?: boolean;
  /** A firm-wide initial sync run in phases (core, supporting, historical), each usable when it completes. */
  @Field.bool({ optional: true }) phased?: boolean;
  /**
   * With `phased`: documents and activities created since this instant are listed first (recent-first), the
   * complete listing after. Absent: no recent window.
   */
  @Field.instant({ optional: true }) recentSince?: string;
}

export const upcastSyncRequestedV1 = (v1: SyncRequestedV1): SyncRequestedV2 => ({
  jobId: v1.jobId,
  scope:
    v1.matterId === undefined ? { kind: SyncScopeKinds.firm } : { kind: SyncScopeKinds.matter, matterId: v1.matterId },
  trigger: v1.trigger,
});

export const syncRequested = defineEvent({
  type: EventTypes.SyncRequested,
  description: 'A sync of the firm or of one matter was asked for; the sync job it creates starts next.',
  streamType: StreamTypes.syncScope,
  currentVersion: 3,
  versions: { 1: SyncRequestedV1, 2: SyncRequestedV2, 3: SyncRequestedV3 },
  // v2 → v3 only adds optional fields: a v2 payload is a valid v3 payload.
  upcasters: { 1: upcastSyncRequestedV1, 2: (v2: SyncRequestedV2): SyncRequestedV3 => v2 },
  examples: {
    1: { jobId: 'job-1', trigger: 'manual', matterId: '1001' },
    2: {
      jobId: 'job-1',
      scope: { kind: 'matter', matterId: '1001' },
      trigger: 'manual',
      requestedBy: 'user-7',
      entityTypes: ['documents'],
    },
    3: {
      jobId: 'job-1',
      scope: { kind: 'firm' },
      trigger: 'first_login',
      requestedBy: null,
      phased: true,
      recentSince: '2025-01-05T10:00:00.000Z',
    },
  },
});
