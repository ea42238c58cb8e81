import { readEventOf, type EventType, type RecordedEvent, type RecordedEventOf } from '@sf/contracts';
import { LogPosition } from '@sf/event-store';

/** A typed event of the sync domain and where it sits in the log. */
export interface PositionedEvent<K extends EventType = EventType> {
  event: RecordedEventOf<K>;
  position: LogPosition;
}

/**
 * The events of `types` in a batch, read by the contracts (validated, upcast to their type's current version).
 * The log holds only events validated when appended, so one that fails is a bug upstream: skipped, not guessed at.
 */
export const logEventsOf = <K extends EventType>(
  events: readonly RecordedEvent[],
  types: ReadonlySet<K>,
): PositionedEvent<K>[] =>
  events.flatMap((e) => {
    const read = readEventOf(e, types);
    return read?.ok ? [{ event: read.value, position: LogPosition.of(e) }] : [];
  });

export const positionColumns = (p: LogPosition): { last_tx_id: string; last_global_position: string } => ({
  last_tx_id: p.txId.toString(),
  last_global_position: p.position.toString(),
});

export const positionOf = (r: { last_tx_id: string; last_global_position: string }): LogPosition => ({
  txId: BigInt(r.last_tx_id),
  position: BigInt(r.last_global_position),
});
