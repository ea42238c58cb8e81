import { EventTypes, type EventData, type SyncTrigger } from '@sf/contracts';
import { completePhase, plannedPhases, withholdFeatures, type PhaseView } from './job-phases';
import { progressed, withRecentWindows, type WindowProgress } from './recent-window';
import { SyncJobState, isTerminalJobState } from './sync-job-state';
import { eventTime, instantMs, type SyncLogEvent } from './sync-log-event';
import { SyncScope } from './sync-scope';

export interface EntityProgress {
  readonly fetched: number;
  /** What Clio reported for the entity type; null when unknown. */
  readonly total: number | null;
  /** Clio answered 403 for the entity type (`SyncEntityForbidden`): the user-facing reason; absent otherwise. */
  readonly forbidden?: string;
  /** Clio's count before fetching could not be used (`SyncJobStarted.unknownEstimates`): why; absent otherwise. */
  readonly unknownTotal?: string;
  /** A recent-first job's recent window of this entity type; absent when it has none. */
  readonly recent?: WindowProgress;
}

/** Progress entries with the reasons Clio's pre-sync counts are unknown (the fetched counts are kept). */
const withUnknownTotals = (
  progress: Readonly<Record<string, EntityProgress>>,
  unknown: EventData<'SyncJobStarted'>['unknownEstimates'],
): Readonly<Record<string, EntityProgress>> => {
  if (unknown === undefined || unknown.length === 0) return progress;
  const out: Record<string, EntityProgress> = { ...progress };
  for (const u of unknown)
    out[u.entityType] = { ...(out[u.entityType] ?? { fetched: 0, total: null }), unknownTotal: u.reason };
  return out;
};

/**
 * One sync job as the `sync_jobs` read model shows it, folded from its scope-stream and job-stream events.
 * Times are epoch ms and always event times (never the clock), so a rebuild equals the live read model.
 */
export interface JobView {
  readonly jobId: string;
  readonly firmId: string;
  readonly scope: SyncScope;
  readonly trigger: SyncTrigger;
  readonly requestedBy: string | null;
  readonly state: SyncJobState;
  readonly entityTypes: readonly string[] | null;
  readonly progress: Readonly<Record<string, EntityProgress>>;
  /** Per-entity-type totals counted before fetching (`SyncJobStarted.estimates`), when sent. */
  readonly estimates: Readonly<Record<string, number>> | null;
  readonly estimatedTotal: number | null;
  readonly counts: Readonly<Record<string, number>> | null;
  readonly blockedUntil: number | null;
  readonly requestedAt: number;
  readonly startedAt: number | null;
  /** When the job reached a terminal state (completed, failed or cancelled). */
  readonly completedAt: number | null;
  readonly lastProgressAt: number;
  readonly errorCode: string | null;
  readonly errorMessage: string | null;
  /** Reason of the last pause, or of the cancellation. */
  readonly controlReason: string | null;
  /** Flagged by a `SyncJobStalled`; cleared by the next page of progress. */
  readonly stalled: boolean;
  readonly stallCount: number;
  /** Why the last stall was flagged, in words the user can act on (`SyncJobStalled.reason`); null if it never stalled. */
  readonly stallReason: string | null;
  /** A phased job's phases in the order they run and where each stands; null when the job is not phased. */
  readonly phases: readonly PhaseView[] | null;
  /** Features usable so far, from the phases completed (`SyncPhaseCompleted.features`), in completion order. */
  readonly availableFeatures: readonly string[];
  /** Features of completed phases that are not usable because Clio refused (403) an entity type they read: why. */
  readonly unavailableFeatures: Readonly<Record<string, string>>;
}

const requested = (e: Extract<SyncLogEvent, { type: 'SyncRequested' }>): JobView => {
  const at = eventTime(e);
  return {
    jobId: e.data.jobId,
    firmId: e.metadata.firmId,
    scope: SyncScope.of(e.data.scope),
    trigger: e.data.trigger,
    requestedBy: e.data.requestedBy ?? null,
    state: SyncJobState.Requested,
    entityTypes: e.data.entityTypes ?? null,
    progress: {},
    estimates: null,
    estimatedTotal: null,
    counts: null,
    blockedUntil: null,
    requestedAt: at,
    startedAt: null,
    completedAt: null,
    lastProgressAt: at,
    errorCode: null,
    errorMessage: null,
    controlReason: null,
    stalled: false,
    stallCount: 0,
    stallReason: null,
    phases: null,
    availableFeatures: [],
    unavailableFeatures: {},
  };
};

const moving = (v: JobView): SyncJobState => (v.state === SyncJobState.Requested ? SyncJobState.Running : v.state);

/** Events of a live (non-terminal) job. */
const evolveLive = (v: JobView, e: SyncLogEvent, at: number): JobView => {
  switch (e.type) {
    case EventTypes.SyncJobStarted:
      return {
        ...v,
        state: v.state === SyncJobState.Paused ? v.state : SyncJobState.Running,
        startedAt: v.startedAt ?? at,
        entityTypes: e.data.entityTypes,
        estimatedTotal: e.data.estimatedTotal,
        estimates: e.data.estimates ?? v.estimates,
        progress: withRecentWindows(withUnknownTotals(v.progress, e.data.unknownEstimates), e.data),
        phases: plannedPhases(e.data) ?? v.phases,
        lastProgressAt: at,
        stalled: false,
      };
    case EventTypes.SyncProgressed: {
      // A recent window's progress is kept apart: the complete listing follows and is the entity type's progress.
      const entry = progressed(v.progress[e.data.entityType], e.data);
      return {
        ...v,
        state: moving(v),
        progress: { ...v.progress, [e.data.entityType]: entry },
        lastProgressAt: at,
        stalled: false,
      };
    }
    case EventTypes.SyncEntityForbidden: {
      const before = v.progress[e.data.entityType] ?? { fetched: 0, total: null };
      const entry = { ...before, forbidden: e.data.reason };
      const progress = { ...v.progress, [e.data.entityType]: entry };
      return { ...v, ...withholdFeatures(v, progress), state: moving(v), progress, lastProgressAt: at };
    }
    case EventTypes.SyncListingRestarted:
      return { ...v, state: moving(v), lastProgressAt: at };
    case EventTypes.ClioRecordsFetched:
    case EventTypes.RecordsSwept:
      return { ...v, state: moving(v), lastProgressAt: at };
    case EventTypes.SyncPhaseCompleted:
      return { ...v, ...completePhase(v, e.data), state: moving(v), lastProgressAt: at };
    case EventTypes.SyncJobBlocked:
      return { ...v, state: SyncJobState.Blocked, blockedUntil: instantMs(e.data.blockedUntil) };
    case EventTypes.SyncJobResumed:
      return { ...v, state: SyncJobState.Running, blockedUntil: null, lastProgressAt: at };
    case EventTypes.SyncJobPaused:
      return { ...v, state: SyncJobState.Paused, controlReason: e.data.reason };
    case EventTypes.SyncJobStalled:
      return { ...v, stalled: true, stallCount: v.stallCount + 1, stallReason: e.data.reason };
    case EventTypes.SyncJobCompleted:
      return { ...v, state: SyncJobState.Completed, completedAt: at, counts: e.data.counts, blockedUntil: null };
    case EventTypes.SyncJobFailed:
      return {
        ...v,
        state: SyncJobState.Failed,
        completedAt: at,
        errorCode: e.data.code,
        errorMessage: e.data.reason,
        blockedUntil: null,
      };
    case EventTypes.SyncJobCancelled:
      return { ...v, state: SyncJobState.Cancelled, completedAt: at, controlReason: e.data.reason, blockedUntil: null };
    default:
      return v;
  }
};

/** The job id an event of a scope or job stream is about, or null (connection events, processing jobs…). */
export const jobIdOf = (e: SyncLogEvent): string | null => {
  switch (e.type) {
    case EventTypes.SyncRequested:
    case EventTypes.SyncJobStarted:
    case EventTypes.SyncProgressed:
    case EventTypes.ClioRecordsFetched:
    case EventTypes.RecordsSwept:
    case EventTypes.SyncEntityForbidden:
    case EventTypes.SyncListingRestarted:
    case EventTypes.SyncJobBlocked:
    case EventTypes.SyncJobResumed:
    case EventTypes.SyncJobPaused:
    case EventTypes.SyncJobStalled:
    case EventTypes.SyncPhaseCompleted:
    case EventTypes.SyncJobCompleted:
    case EventTypes.SyncJobFailed:
    case EventTypes.SyncJobCancelled:
      return e.data.jobId;
    default:
      return null;
  }
};

/**
 * The job-state evolve: the view after `e`, given the view before it (null: the job is not known yet). Only
 * `SyncRequested` creates a view; a terminal job never changes again (the fencing pause appended with a
 * cancellation lands after it and is ignored). Returns the same object when nothing changes.
 */
export const evolveJob = (view: JobView | null, e: SyncLogEvent): JobView | null => {
  if (view === null) return e.type === EventTypes.SyncRequested ? requested(e) : null;
  if (isTerminalJobState(view.state) || jobIdOf(e) !== view.jobId) return view;
  return evolveLive(view, e, eventTime(e));
};
