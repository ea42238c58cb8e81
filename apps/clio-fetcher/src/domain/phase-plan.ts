import {
  ListingWindows,
  SyncFeatures,
  SyncPhases,
  type ListingWindow,
  type SyncFeature,
  type SyncPhase,
} from '@sf/contracts';
import type { ClioEntityType } from '@sf/clio-mirror';
import type { RecentFirstEntityType } from '@sf/sync-jobs';

/**
 * The phase of every mirrored entity type (total, so a new entity type does not compile until it has one): core
 * is what the basic features need, supporting adds scheduling and tasks, historical the large archives.
 */
const PHASE_OF: Readonly<Record<ClioEntityType, SyncPhase>> = {
  users: SyncPhases.core,
  custom_fields: SyncPhases.core,
  matters: SyncPhases.core,
  contacts: SyncPhases.core,
  // A matter's related contacts belong with matters; notes are day-to-day work, like tasks.
  relationships: SyncPhases.core,
  matter_notes: SyncPhases.supporting,
  contact_notes: SyncPhases.supporting,
  calendar_entries: SyncPhases.supporting,
  tasks: SyncPhases.supporting,
  folders: SyncPhases.historical,
  documents: SyncPhases.historical,
  activities: SyncPhases.historical,
};

const PHASE_ORDER: readonly SyncPhase[] = [SyncPhases.core, SyncPhases.supporting, SyncPhases.historical];

/** Features a completed phase makes usable. */
const FEATURES: Readonly<Record<SyncPhase, readonly SyncFeature[]>> = {
  core: [SyncFeatures.matters, SyncFeatures.contacts],
  supporting: [SyncFeatures.calendar, SyncFeatures.tasks],
  historical: [SyncFeatures.documents, SyncFeatures.billing],
};

/**
 * Entity types listed recent-first when the job has a recent window (`RECENT_FIRST_ENTITY_TYPES`, which the job
 * view and ETA read too), and what their recent window makes usable.
 */
const RECENT_FIRST: Readonly<Record<RecentFirstEntityType, SyncFeature>> = {
  documents: SyncFeatures.recentDocuments,
  activities: SyncFeatures.recentBilling,
};

const isRecentFirst = (e: ClioEntityType): e is RecentFirstEntityType & ClioEntityType => e in RECENT_FIRST;

export interface PhasePlan {
  phase: SyncPhase;
  entityTypes: ClioEntityType[];
}

/** The phases of a phased job over `types` (kept in their order), empty phases left out. */
export const planPhases = (types: readonly ClioEntityType[]): PhasePlan[] =>
  PHASE_ORDER.map((phase) => ({ phase, entityTypes: types.filter((e) => PHASE_OF[e] === phase) })).filter(
    (p) => p.entityTypes.length > 0,
  );

/** One step of a job: list an entity type (or its recent window), or record that a phase (or its window) is done. */
export type PlanStep =
  | { kind: 'list'; entityType: ClioEntityType; window: ListingWindow | null }
  | {
      kind: 'phase';
      phase: SyncPhase;
      window: ListingWindow | null;
      entityTypes: ClioEntityType[];
      features: SyncFeature[];
    };

/** Key of a phase step in `JobState.phasesDone`: `<phase>` or `<phase>:<window>`. */
export const phaseKey = (phase: string, window: string | null | undefined): string =>
  window ? `${phase}:${window}` : phase;

const list = (entityType: ClioEntityType, window: ListingWindow | null = null): PlanStep => ({
  kind: 'list',
  entityType,
  window,
});

const phaseSteps = (p: PhasePlan, recentSince: string | null): PlanStep[] => {
  const recent = recentSince === null ? [] : p.entityTypes.filter(isRecentFirst);
  const window: PlanStep[] =
    recent.length === 0
      ? []
      : [
          ...recent.map((e) => list(e, ListingWindows.recent)),
          {
            kind: 'phase',
            phase: p.phase,
            window: ListingWindows.recent,
            entityTypes: recent,
            features: recent.map((e) => RECENT_FIRST[e]),
          },
        ];
  return [
    ...window,
    ...p.entityTypes.map((e) => list(e)),
    { kind: 'phase', phase: p.phase, window: null, entityTypes: p.entityTypes, features: [...FEATURES[p.phase]] },
  ];
};

/**
 * What a job does, in order: every entity type listed in full (then its deletion check); a phased job also lists
 * the recent window of documents and activities first within their phase (when it has one), and records each phase
 * as done after its last listing. Pure.
 */
export const planSteps = (
  types: readonly ClioEntityType[],
  phases: readonly PhasePlan[] | null,
  recentSince: string | null,
): PlanStep[] => (phases === null ? types.map((e) => list(e)) : phases.flatMap((p) => phaseSteps(p, recentSince)));

/** Index of the last listing step: the steps from there on close the job (their events go into its last append). */
export const tailStart = (steps: readonly PlanStep[]): number => steps.findLastIndex((s) => s.kind === 'list');
