import {
  readLoggedEvent,
  SyncModes,
  type EventData,
  type RecordedCatalogueEvent,
  type RecordedEvent,
  type SyncMode,
} from '@sf/contracts';
import { LogPosition } from '@sf/event-store';
import { isClioEntityType, type ClioEntityType } from '@sf/clio-mirror';
import { phaseKey, type PhasePlan } from './phase-plan';

/** Where the recent window of an entity type's listing stands (recent-first). */
export interface WindowProgress {
  fetched: number;
  cursor: string | null;
  complete: boolean;
  /** After a refused cursor (`SyncListingRestarted` of the window): ids up to this one are stored and skipped. */
  restartAfterId?: string | null;
}

/** Where one entity type's listing stands in a job, as its job stream says. */
export interface EntityProgress {
  mode: SyncMode;
  /** Records received so far (valid and flagged), cumulative. */
  fetched: number;
  total: number | null;
  /** Next page URL to resume from; null once the listing is complete (last page without `next`). */
  cursor: string | null;
  complete: boolean;
  /** Position of the first event of the listing's first page: rows no later event wrote were not listed. */
  listingStart: LogPosition;
  /** A `RecordsSwept` for this entity type was appended (its deletion check is done). */
  swept: boolean;
  /** Clio answered 403 (`SyncEntityForbidden`): skipped, complete, never swept. */
  forbidden: boolean;
  /** After a refused cursor (`SyncListingRestarted`): records up to this id are already stored and skipped. */
  restartAfterId: string | null;
  /** How many times the listing was restarted in this job. */
  restarts: number;
}

/** A sync job as its job stream says; `version` is what the next append must expect. */
export interface JobState {
  version: number;
  started: boolean;
  /** Local time of `SyncJobStarted` (ISO). */
  startedAt: string | null;
  /** Clio's clock at the job's first response, when known (ISO). */
  clioStartedAt: string | null;
  entityTypes: readonly ClioEntityType[] | null;
  /** Last control event is `SyncJobPaused`: only the orchestrator may continue the job. */
  paused: boolean;
  /** Set while the last word is a `SyncJobBlocked` (ISO). */
  blockedUntil: string | null;
  progress: Readonly<Partial<Record<ClioEntityType, EntityProgress>>>;
  /** Position of the stream's last event (null for an empty stream). */
  lastPosition: LogPosition | null;
  /** A phased job's plan (`SyncJobStarted.phases`); null when not phased. */
  phases: PhasePlan[] | null;
  /** Start of the recent window (recent-first), or null. */
  recentSince: string | null;
  recent: Readonly<Partial<Record<ClioEntityType, WindowProgress>>>;
  /** Phase steps already recorded (`phaseKey`). */
  phasesDone: readonly string[];
  /** Entity types a user moved forward (`SyncEntityTypePrioritised`), the latest request first. */
  prioritised: readonly ClioEntityType[];
}

export const EMPTY_JOB: JobState = {
  version: 0,
  started: false,
  startedAt: null,
  clioStartedAt: null,
  entityTypes: null,
  paused: false,
  blockedUntil: null,
  progress: {},
  lastPosition: null,
  phases: null,
  recentSince: null,
  recent: {},
  phasesDone: [],
  prioritised: [],
};

const withProgress = (
  s: JobState,
  e: ClioEntityType,
  at: LogPosition,
  change: (p: EntityProgress) => EntityProgress,
): JobState => {
  const base: EntityProgress = s.progress[e] ?? {
    mode: 'full',
    fetched: 0,
    total: null,
    cursor: null,
    complete: false,
    listingStart: at,
    swept: false,
    forbidden: false,
    restartAfterId: null,
    restarts: 0,
  };
  return { ...s, progress: { ...s.progress, [e]: change(base) } };
};

// Only progress that is a checkpoint (it carries `cursor`) moves the listing.
const progressed = (s: JobState, d: EventData<'SyncProgressed'>, at: LogPosition): JobState => {
  const { entityType, cursor } = d;
  if (!isClioEntityType(entityType) || cursor === undefined) return s;
  if (d.window !== undefined)
    return {
      ...s,
      recent: {
        ...s.recent,
        [entityType]: { ...s.recent[entityType], fetched: d.fetched, cursor, complete: cursor === null },
      },
    };
  return withProgress(s, entityType, at, (p) => ({
    ...p,
    mode: d.mode ?? SyncModes.full,
    fetched: d.fetched,
    total: d.total,
    cursor,
    complete: cursor === null,
  }));
};

// The listing (complete, or its recent window) starts again at its first page; restarts count per entity type.
const restarted = (s: JobState, d: EventData<'SyncListingRestarted'>, at: LogPosition): JobState => {
  const e = d.entityType as ClioEntityType;
  const counted = withProgress(s, e, at, (p) => ({
    ...p,
    restarts: p.restarts + 1,
    ...(d.window === undefined ? { cursor: null, complete: false, restartAfterId: d.afterId } : {}),
  }));
  if (d.window === undefined) return counted;
  const w = s.recent[e] ?? { fetched: 0, cursor: null, complete: false };
  return {
    ...counted,
    recent: { ...counted.recent, [e]: { ...w, cursor: null, complete: false, restartAfterId: d.afterId } },
  };
};

const evolve = (s: JobState, e: RecordedCatalogueEvent): JobState => {
  const at = LogPosition.of(e);
  const next = { ...s, version: e.streamPosition, lastPosition: at };
  switch (e.type) {
    case 'SyncJobStarted': {
      const d = e.data;
      return {
        ...next,
        started: true,
        startedAt: e.metadata.occurredAt,
        clioStartedAt: d.clioStartedAt ?? null,
        entityTypes: d.entityTypes.filter(isClioEntityType),
        phases: d.phases?.map((p) => ({ phase: p.phase, entityTypes: p.entityTypes.filter(isClioEntityType) })) ?? null,
        recentSince: d.recentSince ?? null,
      };
    }
    case 'SyncPhaseCompleted':
      return { ...next, phasesDone: [...next.phasesDone, phaseKey(e.data.phase, e.data.window)] };
    case 'ClioRecordsFetched':
    case 'SyncRecordsFlagged':
      // Only marks where the listing began (the page's first event); the page's SyncProgressed carries the counts.
      return isClioEntityType(e.data.entityType) ? withProgress(next, e.data.entityType, at, (p) => p) : next;
    case 'SyncProgressed':
      return progressed(next, e.data, at);
    case 'RecordsSwept': {
      // A sweep without an entity type predates firm-wide sweeps: it swept documents.
      const entityType = e.data.entityType ?? 'documents';
      return isClioEntityType(entityType) ? withProgress(next, entityType, at, (p) => ({ ...p, swept: true })) : next;
    }
    case 'SyncEntityForbidden':
      return isClioEntityType(e.data.entityType)
        ? withProgress(next, e.data.entityType, at, (p) => ({
            ...p,
            cursor: null,
            complete: true,
            swept: true,
            forbidden: true,
          }))
        : next;
    case 'SyncListingRestarted':
      return isClioEntityType(e.data.entityType) ? restarted(next, e.data, at) : next;
    case 'SyncJobBlocked':
      return { ...next, blockedUntil: e.data.blockedUntil };
    case 'SyncEntityTypePrioritised': {
      const p = e.data.entityType;
      return isClioEntityType(p) ? { ...next, prioritised: [p, ...next.prioritised.filter((x) => x !== p)] } : next;
    }
    case 'SyncJobPaused':
      return { ...next, paused: true };
    case 'SyncJobResumed':
      return { ...next, paused: false, blockedUntil: null };
    default:
      return next;
  }
};

/** The state after `events` were appended to a stream in `state`. Pure. */
export const foldOnto = (state: JobState, events: readonly RecordedEvent[]): JobState =>
  events.reduce((s, e) => evolve(s, readLoggedEvent(e)), state);

/** Folds a job stream (in stream order) into the state a worker resumes from. Pure. */
export const foldJob = (events: readonly RecordedEvent[]): JobState => foldOnto(EMPTY_JOB, events);

/** Where a listing stands: the entity type's complete listing, or its recent window. */
export const listingOf = (
  s: JobState,
  e: ClioEntityType,
  window: string | null,
): Pick<EntityProgress, 'fetched' | 'cursor' | 'complete'> | undefined =>
  window === null ? s.progress[e] : s.recent[e];

/** The id up to which a restarted listing (complete, or its window) already stored its records; null if none. */
export const restartPointOf = (s: JobState, e: ClioEntityType, window: string | null): string | null =>
  (window === null ? s.progress[e]?.restartAfterId : s.recent[e]?.restartAfterId) ?? null;

/** Records received per entity type (the `counts` of `SyncJobCompleted`). */
export const countsOf = (s: JobState): Record<string, number> =>
  Object.fromEntries(Object.entries(s.progress).map(([e, p]) => [e, p?.fetched ?? 0]));
