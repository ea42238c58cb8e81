import { currentVersionOf, isEventType, upcastEvent, type RecordedEvent } from '@sf/contracts';
import { LogPosition } from '@sf/event-store';
import type { SyncLogEvent } from '@sf/sync-jobs';

/** A typed event of the sync domain and where it sits in the log. */
export interface PositionedEvent {
  event: SyncLogEvent;
  position: LogPosition;
}

/**
 * The events of `types` in a batch, typed in their type's current version. The log holds only events that were
 * validated when appended, so current versions are taken as they are; older ones are validated and upcast by
 * the contracts (one that fails is skipped: a bug upstream, not something to guess about).
 */
export const logEventsOf = (events: readonly RecordedEvent[], types: ReadonlySet<string>): PositionedEvent[] =>
  events.flatMap((e) => {
    if (!types.has(e.type) || !isEventType(e.type)) return [];
    if (e.version === currentVersionOf(e.type)) return [{ event: e as unknown as SyncLogEvent, position: LogPosition.of(e) }];
    const upcast = upcastEvent(e);
    return upcast.ok ? [{ event: upcast.value as unknown as SyncLogEvent, position: LogPosition.of(e) }] : [];
  });

export const positionColumns = (p: LogPosition): { last_tx_id: string; last_global_position: string } => ({
  last_tx_id: p.txId.toString(),
  last_global_position: p.position.toString(),
});

export const positionOf = (r: { last_tx_id: string; last_global_position: string }): LogPosition => ({
  txId: BigInt(r.last_tx_id),
  position: BigInt(r.last_global_position),
});
