import {
  currentVersionOf,
  validateNewEvent,
  type CurrentEventData,
  type EventType,
  type NewCatalogueEvent,
  type TraceContext,
} from '@sf/contracts';

/**
 * What every command carries besides its own fields: the tenant, tracing ids, and event ids minted by the caller
 * (deciders stay pure, and a retried decision reuses them, which makes a repeated append idempotent).
 */
export interface CommandMeta {
  readonly firmId: string;
  readonly correlationId: string;
  /** The event or command that caused this one; null for a person or a timer. */
  readonly causationId: string | null;
  readonly trace?: TraceContext;
  /** Fresh UUIDs, consumed in order by the events a decision creates (each command documents how many). */
  readonly eventIds: readonly string[];
}

/**
 * Builds the `index`-th event of a decision, validated against the catalogue. An invalid event or a missing id is
 * a bug in the decider or its caller, so it throws.
 */
export const makeEvent = <K extends EventType>(
  meta: CommandMeta,
  index: number,
  type: K,
  data: CurrentEventData[K],
  now: Date,
): NewCatalogueEvent => {
  const eventId = meta.eventIds[index];
  if (eventId === undefined) throw new Error(`${type}: command carries no event id #${index}`);
  const built = validateNewEvent({
    eventId,
    type,
    version: currentVersionOf(type),
    data,
    metadata: {
      firmId: meta.firmId,
      correlationId: meta.correlationId,
      causationId: meta.causationId,
      occurredAt: now.toISOString(),
      ...(meta.trace === undefined ? {} : { trace: meta.trace }),
    },
  });
  if (!built.ok) throw new Error(`${type}: decided an invalid event (${built.reason})`);
  return built.value;
};
