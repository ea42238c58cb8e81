/** One event of a job's story, as read from the log (page records left out). */
export interface StoryEvent {
  type: string;
  data: unknown;
  occurredAt: string;
  /** `LogPosition.format` of the event. */
  position: string;
}

export interface StoryLine {
  at: string;
  position: string;
  type: string;
  text: string;
}

export interface StorySummary {
  state: string;
  pages: Record<string, number>;
  records: Record<string, number>;
  /** Clio requests of the pages that say (SyncProgressed v3), retries included. */
  apiCalls: number;
  deleted: number;
  blocks: number;
  stalls: number;
  takeovers: number;
  errors: string[];
}

export interface Story {
  lines: StoryLine[];
  summary: StorySummary;
}

const field = (data: unknown, key: string): unknown =>
  typeof data === 'object' && data !== null && key in data ? (data as Record<string, unknown>)[key] : undefined;
const str = (data: unknown, key: string): string => {
  const v = field(data, key);
  return typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v);
};
const num = (data: unknown, key: string): number => {
  const v = field(data, key);
  return typeof v === 'number' ? v : 0;
};
const counts = (data: unknown, key: string): string => {
  const v = field(data, key);
  if (typeof v !== 'object' || v === null) return '';
  return Object.entries(v)
    .map(([k, n]) => `${k} ${typeof n === 'number' ? n : '?'}`)
    .join(', ');
};
const len = (data: unknown, key: string): number => {
  const v = field(data, key);
  return Array.isArray(v) ? v.length : 0;
};

/** Events after which a `SyncJobResumed` is expected; any other before it means a new worker took the job over. */
const RESUMES: Record<string, string> = {
  SyncJobBlocked: 'resumed after the block',
  SyncJobPaused: 'resumed after the pause',
  SyncJobStalled: 'restarted from its checkpoint after the stall',
};
const TERMINAL: Record<string, string> = {
  SyncJobCompleted: 'completed',
  SyncJobFailed: 'failed',
  SyncJobCancelled: 'cancelled',
  JobCompleted: 'completed',
  JobCancelled: 'cancelled',
};
/** Events that do not move a job on by themselves (a resume after them is a takeover). */
const QUIET = new Set(['ClioRecordsFetched', 'SyncRecordsFlagged']);

const seconds = (fromIso: string, toIso: string): number =>
  Math.max(0, Math.round((Date.parse(toIso) - Date.parse(fromIso)) / 1000));

/**
 * Tells a job's story from its events in log order: one line per event worth a line, with counts, and a summary.
 * Pure: the caller reads the events (scope stream and job stream merged in log order).
 */
export const tellStory = (events: readonly StoryEvent[]): Story => {
  const s: StorySummary = {
    state: 'requested',
    pages: {},
    records: {},
    apiCalls: 0,
    deleted: 0,
    blocks: 0,
    stalls: 0,
    takeovers: 0,
    errors: [],
  };
  const fetched: Record<string, number> = {};
  const lines: StoryLine[] = [];
  let previous: StoryEvent | undefined;
  let lastProgressAt: string | undefined;
  const say = (e: StoryEvent, text: string): void => {
    lines.push({ at: e.occurredAt, position: e.position, type: e.type, text });
  };
  for (const e of events) {
    const d = e.data;
    const type = str(d, 'entityType');
    switch (e.type) {
      case 'SyncRequested': {
        const scope = field(d, 'scope');
        const where = str(scope, 'kind') === 'matter' ? `matter ${str(scope, 'matterId')}` : 'the firm';
        const by = str(d, 'requestedBy') || 'the platform';
        const extras = [
          field(d, 'fullListing') ? `full listing of ${len(d, 'entityTypes') || 'all'} type(s)` : '',
          field(d, 'phased') ? 'phased' : '',
        ].filter(Boolean);
        say(
          e,
          `requested (${str(d, 'trigger')}) for ${where} by ${by}; policy decision: start${extras.length ? ` (${extras.join(', ')})` : ''}`,
        );
        break;
      }
      case 'SyncJobStarted':
        s.state = 'running';
        say(
          e,
          `started: ${len(d, 'entityTypes')} entity types, estimated ${field(d, 'estimatedTotal') ?? 'unknown'} records${len(d, 'phases') ? `, ${len(d, 'phases')} phases` : ''}`,
        );
        break;
      case 'SyncProgressed': {
        const now = num(d, 'fetched');
        const n = now - (fetched[type] ?? 0);
        fetched[type] = now;
        s.pages[type] = (s.pages[type] ?? 0) + 1;
        s.records[type] = now;
        const total = field(d, 'total');
        const window = str(d, 'window');
        // Pages appended before SyncProgressed v3 do not say what they cost.
        const calls = field(d, 'apiCalls');
        if (typeof calls === 'number') s.apiCalls += calls;
        const cost = typeof calls === 'number' ? `, ${calls} API call${calls === 1 ? '' : 's'}` : '';
        say(
          e,
          `page of ${type}: +${n} records (${now}${typeof total === 'number' ? ` of ${total}` : ''})${cost}${window ? ` [${window}]` : ''}${field(d, 'cursor') ? '' : ', listing done'}`,
        );
        break;
      }
      case 'SyncListingRestarted':
        fetched[type] = 0;
        say(e, `listing of ${type} restarted after id ${str(d, 'afterId') || '(start)'}: ${str(d, 'reason')}`);
        break;
      case 'SyncRecordsFlagged':
        say(e, `flagged ${len(d, 'records')} ${type} record(s) that failed their checks`);
        break;
      case 'SyncEntityForbidden':
        say(e, `${type} forbidden by Clio: ${str(d, 'reason')}`);
        break;
      case 'RecordsSwept': {
        const deleted = len(d, 'softDeletedIds');
        s.deleted += deleted;
        say(
          e,
          `deletion check of ${type}: ${deleted} deleted (not in Clio's complete listing of ${num(d, 'listed')}), ${len(d, 'restoredIds')} restored`,
        );
        break;
      }
      case 'SyncPhaseCompleted':
        say(e, `phase ${str(d, 'phase')}${str(d, 'window') ? ` (${str(d, 'window')})` : ''} completed`);
        break;
      case 'SyncJobBlocked':
        s.blocks++;
        s.state = 'blocked';
        say(e, `blocked until ${str(d, 'blockedUntil')}: ${str(d, 'reason')}`);
        break;
      case 'SyncJobPaused':
        s.state = 'paused';
        say(e, `paused: ${str(d, 'reason')}`);
        break;
      case 'SyncJobStalled':
        s.stalls++;
        say(
          e,
          `stalled: no progress for ${Math.round(num(d, 'stalledForMs') / 1000)} s since ${str(d, 'lastProgressAt')}`,
        );
        break;
      case 'SyncJobResumed': {
        s.state = 'running';
        const why = previous && RESUMES[previous.type];
        if (why) say(e, why);
        else {
          s.takeovers++;
          const gap = lastProgressAt ? `, ${seconds(lastProgressAt, e.occurredAt)} s after its last progress` : '';
          say(
            e,
            `TAKEOVER: a new worker resumed the job from its checkpoint; the previous worker stopped (killed or restarted)${gap}`,
          );
        }
        break;
      }
      case 'SyncBookmarksReset':
        say(e, 'bookmarks reset: the next sync lists everything');
        break;
      case 'JobStarted':
      case 'ProcessingJobRequested':
        s.state = e.type === 'JobStarted' ? 'running' : 'waiting_for_sync';
        say(
          e,
          e.type === 'JobStarted'
            ? `processing started: ${len(d, 'documentIds')} documents (frozen snapshot)`
            : 'processing requested; waiting for the sync',
        );
        break;
      case 'DocumentProcessed':
        s.records['documents'] = (s.records['documents'] ?? 0) + 1;
        say(e, `document ${str(d, 'documentId')} processed`);
        break;
      case 'DocumentSkipped':
      case 'DocumentFailed':
        say(
          e,
          `document ${str(d, 'documentId')} ${e.type === 'DocumentSkipped' ? 'skipped' : 'failed'}: ${str(d, 'reason')}`,
        );
        if (e.type === 'DocumentFailed') s.errors.push(str(d, 'reason'));
        break;
      default:
        if (TERMINAL[e.type]) {
          s.state = TERMINAL[e.type]!;
          const detail =
            e.type === 'SyncJobFailed'
              ? ` (${str(d, 'code')}): ${str(d, 'reason')}`
              : e.type === 'SyncJobCompleted'
                ? `: ${counts(d, 'counts')}`
                : str(d, 'reason')
                  ? `: ${str(d, 'reason')}`
                  : '';
          if (e.type === 'SyncJobFailed') s.errors.push(`${str(d, 'code')}: ${str(d, 'reason')}`);
          say(e, `${TERMINAL[e.type]}${detail}`);
        } else if (!QUIET.has(e.type)) say(e, e.type);
    }
    if (!QUIET.has(e.type)) previous = e;
    if (e.type === 'SyncProgressed' || e.type === 'SyncJobStarted' || e.type === 'SyncJobResumed')
      lastProgressAt = e.occurredAt;
  }
  return { lines, summary: s };
};
