import { randomUUID } from 'node:crypto';
import { CATALOGUE, streamOf, validateNewEvent, type EventType, type RecordedEvent } from '@sf/contracts';
import type { Executor } from '@sf/db';
import { appendToStream, type EventStoreTables } from '@sf/event-store';

/**
 * Appends the catalogue's example of `type` for `firmId` (a fresh job id when the payload has one, `data` merged
 * over it) to the stream it belongs to, and returns it as recorded: a real event in the log.
 */
export const appendExample = async <DB extends EventStoreTables>(
  db: Executor<DB>,
  type: EventType,
  firmId: string,
  data: Record<string, unknown> = {},
): Promise<RecordedEvent> => {
  const def = CATALOGUE[type];
  const example = def.examples[def.currentVersion] as Record<string, unknown>;
  const e = validateNewEvent({
    eventId: randomUUID(),
    type,
    version: def.currentVersion,
    data: { ...example, ...('jobId' in example ? { jobId: randomUUID() } : {}), ...data },
    metadata: { firmId, correlationId: randomUUID(), causationId: null, occurredAt: new Date().toISOString() },
  });
  if (!e.ok) throw new Error(`example of ${type} invalid: ${e.reason}`);
  const { streamId, streamType } = streamOf(e.value);
  const r = await appendToStream(db, streamId, streamType, 'any', [e.value]);
  if (!r.ok) throw new Error(`append of the ${type} example failed: ${r.reason}`);
  return r.events[0]!;
};
