import { ListingWindows, type EventData } from '@sf/contracts';

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

/** Phases and usable features after a `SyncPhaseCompleted` (a repeat changes nothing; features never go away). */
export const completePhase = (
  phases: readonly PhaseView[] | null,
  features: readonly string[],
  d: EventData<'SyncPhaseCompleted'>,
): { phases: readonly PhaseView[] | null; availableFeatures: readonly string[] } => {
  const state = d.window === ListingWindows.recent ? PhaseState.recentCompleted : PhaseState.completed;
  return {
    phases: phases?.map((p) => (p.phase === d.phase && p.state !== PhaseState.completed ? { ...p, state } : p)) ?? null,
    availableFeatures: [...features, ...d.features.filter((f) => !features.includes(f))],
  };
};
