import { EventTypes } from '@sf/contracts';
import { eventTime, instantMs, type SyncLogEvent } from './sync-log-event';

/**
 * What the last event of a job stream says, read fresh at decide time. Only the orchestrator appends after a
 * `SyncJobPaused` (a worker that tries gets a version conflict and stops), so the last event is enough to tell a
 * paused job from a running or rate-limited one, and `version` is what the orchestrator's own append must expect.
 */
export interface JobTail {
  /** Events in the job stream (0: no worker has started the job yet). */
  readonly version: number;
  /** Type of the last event; null when the stream is empty. */
  readonly lastType: string | null;
  /** Epoch ms of the last event. */
  readonly lastAt: number | null;
  /** Set when the last event is `SyncJobBlocked`: epoch ms until which the job waits. */
  readonly blockedUntil: number | null;
}

export const EMPTY_JOB_TAIL: JobTail = Object.freeze({ version: 0, lastType: null, lastAt: null, blockedUntil: null });

/** The tail of a stream whose last event (at `version`) is `last`. */
export const jobTailOf = (version: number, last: SyncLogEvent | null): JobTail => {
  if (last === null || version === 0) return EMPTY_JOB_TAIL;
  const blockedUntil = last.type === EventTypes.SyncJobBlocked ? instantMs(last.data.blockedUntil) : null;
  return { version, lastType: last.type, lastAt: eventTime(last), blockedUntil };
};

export const isPausedTail = (t: JobTail): boolean => t.lastType === EventTypes.SyncJobPaused;
