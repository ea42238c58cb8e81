import {
  estimateJob,
  isTerminalJobState,
  progressOf,
  type EntityEstimate,
  type EtaBasis,
  type JobView,
  type PhaseView,
  type SyncJobState,
} from '@sf/sync-jobs';
import { describeSyncError } from '@sf/sync-policy';
import { readBudget, readConnection, readJob } from './read-model-queries';
import type { SyncDeps } from './sync-deps';

/** `GET /sync-jobs/{id}`. Times are epoch ms, durations ms. */
export interface JobDetails {
  jobId: string;
  scope: JobView['scope'];
  trigger: string;
  state: SyncJobState;
  /**
   * Per entity type: records fetched, Clio's total, what is left and the page requests it needs; `forbidden` holds
   * the user-facing reason when Clio refused the entity type (403) and the job went on without it; `unknownTotal` why
   * Clio's count before fetching could not be used.
   */
  entities: Record<string, EntityEstimate>;
  progress: { current: number; total: number };
  /** Page requests still needed over the entity types whose total is known. */
  requestsNeeded: number;
  /**
   * Time until the last needed record is fetched: the later of what Clio's observed limit allows and the job's own
   * pace so far (`etaBasis`); null when no total is known or the job ended.
   */
  etaMs: number | null;
  etaAt: number | null;
  etaBasis: EtaBasis | null;
  /** False when some entity type's total is unknown (the ETA then covers the known ones only). */
  estimateComplete: boolean;
  /** Why the estimate is incomplete (which entity types Clio gave no usable total for); null when it is complete. */
  estimateNote: string | null;
  blockedUntil: number | null;
  requestedAt: number;
  startedAt: number | null;
  completedAt: number | null;
  lastProgressAt: number;
  stalled: boolean;
  stallCount: number;
  /** Why the last stall was flagged and what to do about it; null when the job never stalled. */
  stallReason: string | null;
  /** Entity types Clio refused (403), with the user-facing reason: the job completes without them. */
  forbidden: Record<string, string>;
  /** Failure code and its user-facing message (never the worker's raw reason). */
  error: { code: string; message: string } | null;
  /** Reason given for the last pause or for the cancellation. */
  controlReason: string | null;
  /** A phased initial sync's phases in order and where each stands; null when the job is not phased. */
  phases: readonly PhaseView[] | null;
  /** Features usable so far, from the phases completed (empty until the first completes). */
  availableFeatures: readonly string[];
  /** Features of completed phases that are not usable because Clio refused (403) an entity type they read: why. */
  unavailableFeatures: Readonly<Record<string, string>>;
}

/** One job with counts, totals and ETA, or null when the firm has no such job. */
export const jobDetails = async (deps: SyncDeps, firmId: string | null, jobId: string): Promise<JobDetails | null> => {
  const job = await readJob(deps.db, jobId, firmId);
  if (job === null) return null;
  const now = deps.now().getTime();
  const ended = isTerminalJobState(job.state);
  const budget = ended ? null : await readBudget(deps.db, (await readConnection(deps.db, job.firmId)).connectionId);
  const estimate = estimateJob(job, budget, now, deps.estimate);
  const etaMs = ended ? null : estimate.etaMs;
  return {
    jobId: job.jobId,
    scope: job.scope,
    trigger: job.trigger,
    state: job.state,
    entities: { ...estimate.entities },
    progress: progressOf(job),
    requestsNeeded: ended ? 0 : estimate.requestsNeeded,
    etaMs,
    etaAt: etaMs === null ? null : now + etaMs,
    etaBasis: ended ? null : estimate.etaBasis,
    estimateComplete: estimate.complete,
    estimateNote: noteOf(estimate.entities),
    blockedUntil: job.blockedUntil,
    requestedAt: job.requestedAt,
    startedAt: job.startedAt,
    completedAt: job.completedAt,
    lastProgressAt: job.lastProgressAt,
    stalled: job.stalled,
    stallCount: job.stallCount,
    stallReason: job.stallReason,
    forbidden: Object.fromEntries(
      Object.entries(job.progress).flatMap(([type, p]) => (p.forbidden === undefined ? [] : [[type, p.forbidden]])),
    ),
    error: job.errorCode === null ? null : { code: job.errorCode, message: describeSyncError(job.errorCode) },
    controlReason: job.controlReason,
    phases: job.phases,
    availableFeatures: job.availableFeatures,
    unavailableFeatures: job.unavailableFeatures,
  };
};

/**
 * Clio documents no total for its listings (`meta.records` may be absent or mean something else): an entity type
 * without a usable total is named, never given a guessed number; so is a recent window whose size is not known yet.
 */
const noteOf = (entities: Record<string, EntityEstimate>): string | null => {
  const unknown = Object.entries(entities)
    .filter(([, e]) => e.total === null)
    .map(([type, e]) => (e.unknownTotal === undefined ? type : `${type} (${e.unknownTotal})`));
  const windows = Object.entries(entities)
    .filter(([, e]) => e.total !== null && e.recentRequests === null)
    .map(([type]) => type);
  const totals =
    unknown.length === 0
      ? null
      : `Clio reported no usable total for ${unknown.join(', ')}: progress counts the records fetched so far, and the ETA covers the other entity types`;
  const recent =
    windows.length === 0
      ? null
      : `The recent window of ${windows.join(', ')} has no known size yet: the ETA leaves its pages out`;
  return [totals, recent].filter((x) => x !== null).join('. ') || null;
};
