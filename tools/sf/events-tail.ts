import { setTimeout as sleep } from 'node:timers/promises';
import { streamIds, type RecordedEvent } from '@sf/contracts';
import { LogPosition, positionBefore, readAllAfter } from '@sf/event-store';
import type { SfCommand } from './args';
import type { Exit, SfContext } from './context';
import { ExitCode } from './usage';

type Tail = Extract<SfCommand, { kind: 'events-tail' }>;

const POLL_MS = 250;
const BATCH = 500;

const jobOf = (e: RecordedEvent): string | null => {
  if (typeof e.data === 'object' && e.data !== null && 'jobId' in e.data && typeof e.data.jobId === 'string')
    return e.data.jobId;
  return null;
};

const matches = (t: Tail, e: RecordedEvent): boolean =>
  (t.firmId === undefined || e.metadata.firmId === t.firmId) &&
  (t.type === undefined || e.type === t.type) &&
  (t.jobId === undefined ||
    e.streamId === streamIds.syncJob(t.jobId) ||
    e.streamId === streamIds.processingJob(t.jobId) ||
    jobOf(e) === t.jobId);

/** One event as a line: never its data values, only what it is and where it belongs. */
const describe = (e: RecordedEvent): Record<string, unknown> => ({
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

/** The end of the readable log: tailing from "now" starts there. */
const endOfLog = async (c: SfContext): Promise<LogPosition> => positionBefore(c.db, new Date(Date.now() + 1_000));

/** `sf events tail`: follows the log (Postgres) and prints matching events, until Ctrl-C (or once with --once). */
export const eventsTail = async (c: SfContext, t: Tail): Promise<Exit> => {
  let at: LogPosition =
    t.from === undefined
      ? t.once
        ? LogPosition.start
        : await endOfLog(c)
      : 'position' in t.from
        ? LogPosition.parse(t.from.position)
        : await positionBefore(c.db, t.from.time);
  let printed = 0;
  while (!c.signal.aborted) {
    const batch = await readAllAfter(c.db, at, BATCH);
    for (const e of batch) {
      at = LogPosition.of(e);
      if (!matches(t, e)) continue;
      const d = describe(e);
      c.out(
        c.json
          ? JSON.stringify(d)
          : `${String(d['at'])}  ${e.type.padEnd(24)} firm=${e.metadata.firmId} ${d['jobId'] ? `job=${String(d['jobId'])} ` : ''}stream=${e.streamId}`,
      );
      if (t.limit !== undefined && ++printed >= t.limit) return ExitCode.ok;
    }
    if (batch.length === BATCH) continue;
    if (t.once) return ExitCode.ok;
    await sleep(POLL_MS, undefined, { signal: c.signal }).catch(() => undefined);
  }
  return ExitCode.ok;
};
