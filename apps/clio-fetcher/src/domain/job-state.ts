import type { RecordedEvent, SyncMode } from '@sf/contracts';
import { LogPosition } from '@sf/event-store';
import { isClioEntityType, type ClioEntityType } from '@sf/clio-mirror';

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
  /** A `DocumentsSwept` for this entity type was appended (its deletion check is done). */
  swept: boolean;
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
}

export const EMPTY_JOB: JobState = {
  version: 0, started: false, startedAt: null, clioStartedAt: null, entityTypes: null, paused: false, blockedUntil: null,
  progress: {}, lastPosition: null,
};

type Data = Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

const withProgress = (s: JobState, e: ClioEntityType, at: LogPosition, change: (p: EntityProgress) => EntityProgress): JobState => {
  const base: EntityProgress = s.progress[e] ?? {
    mode: 'full', fetched: 0, total: null, cursor: null, complete: false, listingStart: at, swept: false,
  };
  return { ...s, progress: { ...s.progress, [e]: change(base) } };
};

const progressed = (s: JobState, d: Data, at: LogPosition): JobState => {
  const entityType = d['entityType'];
  if (!isClioEntityType(entityType) || !('cursor' in d)) return s;
  const cursor = str(d['cursor']);
  return withProgress(s, entityType, at, (p) => ({
    ...p,
    mode: d['mode'] === 'incremental' ? 'incremental' : 'full',
    fetched: typeof d['fetched'] === 'number' ? d['fetched'] : p.fetched,
    total: typeof d['total'] === 'number' ? d['total'] : null,
    cursor,
    complete: cursor === null,
  }));
};

const evolve = (s: JobState, e: RecordedEvent): JobState => {
  const d = (typeof e.data === 'object' && e.data !== null ? e.data : {}) as Data;
  const at = LogPosition.of(e);
  const next = { ...s, version: e.streamPosition, lastPosition: at };
  switch (e.type) {
    case 'SyncJobStarted': {
      const types = Array.isArray(d['entityTypes']) ? d['entityTypes'].filter(isClioEntityType) : null;
      return { ...next, started: true, startedAt: e.metadata.occurredAt, clioStartedAt: str(d['clioStartedAt']), entityTypes: types };
    }
    case 'ClioRecordsFetched':
    case 'SyncRecordsFlagged':
      // Only marks where the listing began (the page's first event); the page's SyncProgressed carries the counts.
      return isClioEntityType(d['entityType']) ? withProgress(next, d['entityType'], at, (p) => p) : next;
    case 'SyncProgressed':
      return progressed(next, d, at);
    case 'DocumentsSwept': {
      const entityType = d['entityType'] ?? 'documents';
      return isClioEntityType(entityType) ? withProgress(next, entityType, at, (p) => ({ ...p, swept: true })) : next;
    }
    case 'SyncJobBlocked':
      return { ...next, blockedUntil: str(d['blockedUntil']) };
    case 'SyncJobPaused':
      return { ...next, paused: true };
    case 'SyncJobResumed':
      return { ...next, paused: false, blockedUntil: null };
    default:
      return next;
  }
};

/** Folds a job stream (in stream order) into the state a worker resumes from. Pure. */
export const foldJob = (events: readonly RecordedEvent[]): JobState => events.reduce(evolve, EMPTY_JOB);

/** The state after `events` were appended to a stream in `state`. */
export const foldOnto = (state: JobState, events: readonly RecordedEvent[]): JobState => events.reduce(evolve, state);

/** Records received per entity type (the `counts` of `SyncJobCompleted`). */
export const countsOf = (s: JobState): Record<string, number> =>
  Object.fromEntries(Object.entries(s.progress).map(([e, p]) => [e, p?.fetched ?? 0]));
