import { streamIds, type RecordedEvent } from '@sf/contracts';
import { LogPosition } from '@sf/event-store';
import type { SfCommand } from './args';

/** `sf events tail`'s command, whichever source it follows. */
export type Tail = Extract<SfCommand, { kind: 'events-tail' }>;

const jobOf = (e: RecordedEvent): string | null => {
  if (typeof e.data === 'object' && e.data !== null && 'jobId' in e.data && typeof e.data.jobId === 'string')
    return e.data.jobId;
  return null;
};

/** Whether an event passes the tail's filters (firm, type, job: its job stream or `data.jobId`). */
export const matchesTail = (t: Tail, e: RecordedEvent): boolean =>
  (t.firmId === undefined || e.metadata.firmId === t.firmId) &&
  (t.type === undefined || e.type === t.type) &&
  (t.jobId === undefined ||
    e.streamId === streamIds.syncJob(t.jobId) ||
    e.streamId === streamIds.processingJob(t.jobId) ||
    jobOf(e) === t.jobId);

/** One event as a line's fields: never its data values, only what it is and where it belongs. */
export const describeEvent = (e: RecordedEvent): Record<string, unknown> => ({
  position: LogPosition.format(LogPosition.of(e)),
  at: e.metadata.occurredAt,
  type: e.type,
  firmId: e.metadata.firmId,
  stream: e.streamId,
  eventId: e.eventId,
  jobId: jobOf(e),
  correlationId: e.metadata.correlationId,
  traceparent: e.metadata.trace?.traceparent ?? null,
});

/** The line printed for one event: JSON, or a readable line (`extra` first: the stream sequence on JetStream). */
export const eventLine = (json: boolean, e: RecordedEvent, extra: Record<string, unknown> = {}): string => {
  const d = { ...extra, ...describeEvent(e) };
  if (json) return JSON.stringify(d);
  const pre = Object.entries(extra)
    .map(([k, v]) => `${k}=${String(v)} `)
    .join('');
  return `${String(d['at'])}  ${pre}${e.type.padEnd(24)} firm=${e.metadata.firmId} ${d['jobId'] ? `job=${String(d['jobId'])} ` : ''}stream=${e.streamId}`;
};
