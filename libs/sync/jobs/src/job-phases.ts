import { ListingWindows, type EventData } from '@sf/contracts';
import { unavailableFeatures } from './feature-needs';
import type { EntityProgress } from './job-view';

/** Where one phase of a phased job stands. */
export const PhaseState = {
  pending: 'pending',
  /** Its recent window is complete (recent-first): recent records are usable, the rest still comes. */
  recentCompleted: 'recent_completed',
  completed: 'completed',
} as const;
export type PhaseState = (typeof PhaseState)[keyof typeof PhaseState];

export interface PhaseView {
  readonly phase: string;
  readonly entityTypes: readonly string[];
  readonly state: PhaseState;
}

/** The phase plan a job started with (`SyncJobStarted.phases`), every phase pending; null when not phased. */
export const plannedPhases = (d: EventData<'SyncJobStarted'>): PhaseView[] | null =>
  d.phases === undefined
    ? null
    : d.phases.map((p) => ({ phase: p.phase, entityTypes: p.entityTypes, state: PhaseState.pending }));

interface FeatureView {
  readonly availableFeatures: readonly string[];
  readonly unavailableFeatures: Readonly<Record<string, string>>;
}

/**
 * Features split by what Clio lets the connection read: a feature one of whose entity types is forbidden (403) is
 * not usable, whatever phase completed, and is kept with the reason instead.
 */
export const withholdFeatures = (
  v: FeatureView,
  progress: Readonly<Record<string, Pick<EntityProgress, 'forbidden'>>>,
  added: readonly string[] = [],
): FeatureView => {
  const all = [...v.availableFeatures, ...added.filter((f) => !v.availableFeatures.includes(f))];
  const blocked = unavailableFeatures([...all, ...Object.keys(v.unavailableFeatures)], progress);
  return { availableFeatures: all.filter((f) => blocked[f] === undefined), unavailableFeatures: blocked };
};

/**
 * Phases and usable features after a `SyncPhaseCompleted` (a repeat changes nothing; features never go away, except
 * those whose entity types Clio refused, which are listed as unavailable with the reason).
 */
export const completePhase = (
  v: FeatureView & {
    readonly phases: readonly PhaseView[] | null;
    readonly progress: Readonly<Record<string, EntityProgress>>;
  },
  d: EventData<'SyncPhaseCompleted'>,
): FeatureView & { phases: readonly PhaseView[] | null } => {
  const state = d.window === ListingWindows.recent ? PhaseState.recentCompleted : PhaseState.completed;
  return {
    phases:
      v.phases?.map((p) => (p.phase === d.phase && p.state !== PhaseState.completed ? { ...p, state } : p)) ?? null,
    ...withholdFeatures(v, v.progress, d.features),
  };
};
