import { randomUUID } from 'node:crypto';
import { StreamTypes, newEvent, readLoggedEvent, streamIds, type CatalogueEvent, type NewEvent } from '@sf/contracts';
import type { Executor } from '@sf/db';
import { LogPosition, appendToStream, readStream, type EventStoreTables } from '@sf/event-store';
import { foldWrite, isWriteEvent, type WriteState } from '@sf/clio-writes';

/** A write's stream as read: its fold and its version (the expectation of the next append). */
export interface LoadedWrite {
  state: WriteState | null;
  version: number;
  firmId: string | null;
}

/** Reads `clio-write-<writeId>` and folds it (`foldWrite`): the source of truth of a write, never a read model. */
export const loadWrite = async <DB extends EventStoreTables>(
  db: Executor<DB>,
  writeId: string,
): Promise<LoadedWrite> => {
  const raw = await readStream(db, streamIds.clioWrite(writeId));
  const events = raw.map(readLoggedEvent).filter(isWriteEvent);
  return { state: foldWrite(events), version: raw.length, firmId: raw[0]?.metadata.firmId ?? null };
};

export interface WriteAppendMeta {
  firmId: string;
  correlationId: string;
  causationId: string | null;
  /** Event time (the decider's now). */
  at: Date;
}

/**
 * Appends decided events to a write's stream at `version` (the one read). Returns where the last one landed (null
 * when there was nothing to append), or false when another process appended first (the caller reads again and
 * decides again); a contract violation is a bug and throws.
 */
export const appendWriteEvents = async <DB extends EventStoreTables>(
  db: Executor<DB>,
  writeId: string,
  version: number,
  events: readonly CatalogueEvent[],
  meta: WriteAppendMeta,
): Promise<LogPosition | null | false> => {
  if (events.length === 0) return null;
  const built: NewEvent[] = events.map((e) => {
    const r = newEvent({
      eventId: randomUUID(),
      type: e.type,
      data: e.data,
      metadata: {
        firmId: meta.firmId,
        correlationId: meta.correlationId,
        causationId: meta.causationId,
        occurredAt: meta.at.toISOString(),
      },
    });
    if (!r.ok) throw new Error(`write event ${e.type} breaks its contract: ${r.reason}`);
    return r.value;
  });
  const res = await appendToStream(db, streamIds.clioWrite(writeId), StreamTypes.clioWrite, version, built);
  if (!res.ok) return false;
  const last = res.events[res.events.length - 1];
  return last ? LogPosition.of(last) : null;
};
