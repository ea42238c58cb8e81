import type { CurrentEventData, EventMetadata, EventType } from '@sf/contracts';

/**
 * An event of a sync scope or sync job stream as the deciders and folds see it: a catalogue event (current version,
 * discriminated by `type`) with its metadata. Both decided (`NewEvent`) and recorded (`RecordedEvent`, upcast)
 * events fit, so what `decide` returns can be folded straight back through `evolve`.
 */
export type SyncLogEvent = {
  [K in EventType]: { readonly type: K; readonly data: CurrentEventData[K]; readonly metadata: EventMetadata };
}[EventType];

/** Event time in epoch ms (the decision time, `metadata.occurredAt`). */
export const eventTime = (e: Pick<SyncLogEvent, 'metadata'>): number => Date.parse(e.metadata.occurredAt);

/** An instant carried in a payload (ISO-8601, validated by the contracts) in epoch ms. */
export const instantMs = (iso: string): number => Date.parse(iso);
