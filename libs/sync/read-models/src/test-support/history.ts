// Builders of realistic event histories for this lib's tests (not exported from the lib).
import { randomUUID } from 'node:crypto';
import {
  currentVersionOf,
  isEventType,
  streamOf,
  validateNewEvent,
  type NewEvent,
  type RecordedEvent,
} from '@sf/contracts';
import type { Executor } from '@sf/db';
import { appendToStream, LogPosition, streamVersion, type EventStoreTables } from '@sf/event-store';
import type { SyncScope } from '@sf/sync-jobs';

/** A clock that moves one second per event, so every event has a distinct, predictable time. */
export const steppingClock = (start = Date.UTC(2026, 10, 23, 9, 0, 0)): (() => string) => {
  let t = start;
  return () => new Date((t += 1000)).toISOString();
};

export const newEvent = (
  type: string,
  data: Record<string, unknown>,
  firmId: string,
  occurredAt: string,
): NewEvent => ({
  eventId: randomUUID(),
  type,
  version: isEventType(type) ? currentVersionOf(type) : 1,
  data,
  metadata: { firmId, correlationId: randomUUID(), causationId: null, occurredAt },
});

/** One job's events in order; each lands on the stream the catalogue assigns it (scope or job stream). */
export interface JobScript {
  events: NewEvent[];
}

const streamRef = (e: NewEvent) => {
  const checked = validateNewEvent(e);
  if (!checked.ok) throw new Error(`history fixture ${e.type} invalid: ${checked.reason}`);
  return streamOf(checked.value);
};

/**
 * Appends the jobs' events one at a time, round-robin across jobs, so the log interleaves them as production
 * would; each append carries its stream's exact expected version. Fails loudly on any rejected append.
 */
export const appendInterleaved = async <DB extends EventStoreTables>(
  db: Executor<DB>,
  jobs: readonly JobScript[],
): Promise<RecordedEvent[]> => {
  const recorded: RecordedEvent[] = [];
  const versions = new Map<string, number>();
  const max = Math.max(...jobs.map((s) => s.events.length));
  for (let i = 0; i < max; i++) {
    for (const job of jobs) {
      const e = job.events[i];
      if (!e) continue;
      const { streamId, streamType } = streamRef(e);
      const version = versions.get(streamId) ?? (await streamVersion(db, streamId));
      const r = await appendToStream(db, streamId, streamType, version, [e]);
      if (!r.ok) throw new Error(`append to ${streamId} failed: ${r.reason}`);
      versions.set(streamId, r.nextVersion);
      recorded.push(...r.events);
    }
  }
  return recorded;
};

type Step = [type: string, data: Record<string, unknown>];

const SCOPED = new Set(['SyncRequested', 'SyncJobStarted', 'SyncJobCompleted', 'SyncJobFailed', 'SyncJobCancelled']);

/** A sync job of one scope; steps omit the job id and the scope (added where the catalogue has them). */
export const syncJob = (
  firmId: string,
  jobId: string,
  clock: () => string,
  scope: SyncScope,
  steps: Step[],
): JobScript => ({
  events: steps.map(([type, data]) =>
    newEvent(type, { jobId, ...(SCOPED.has(type) ? { scope } : {}), ...data }, firmId, clock()),
  ),
});

/** A processing job; steps omit the job id. */
export const processingJob = (firmId: string, jobId: string, clock: () => string, steps: Step[]): JobScript => ({
  events: steps.map(([type, data]) => newEvent(type, { jobId, ...data }, firmId, clock())),
});

export const matterScope = (matterId: string): SyncScope => ({ kind: 'matter', matterId });

/** Recorded events as the log would return them, positioned 1..n in one transaction (for projection specs). */
export const recordedSequence = (jobs: readonly JobScript[]): RecordedEvent[] => {
  let n = 0;
  return jobs.flatMap((s) =>
    s.events.map((e, i) => ({
      ...e,
      streamId: streamRef(e).streamId,
      streamPosition: i + 1,
      globalPosition: String(++n),
      transactionId: '100',
    })),
  );
};

/** The latest log position among recorded events (appends may commit in any order). */
export const tailOf = (recorded: readonly RecordedEvent[]): LogPosition =>
  recorded.map((e) => LogPosition.of(e)).reduce((a, b) => LogPosition.max(a, b), LogPosition.start);
