import { randomUUID } from 'node:crypto';
import { context } from '@opentelemetry/api';
import { EventTypes, StreamTypes, newEvent, streamIds, type CurrentEventData, type EventType } from '@sf/contracts';
import type { Executor } from '@sf/db';
import { appendToStream } from '@sf/event-store';
import { traceFromContext } from '@sf/telemetry';
import type { AuthServiceDb } from '../schema/auth-service-schema';

type ConnectionEventType =
  typeof EventTypes.ClioConnected | typeof EventTypes.ConnectionNeedsReauth | typeof EventTypes.ConnectionRevoked;

/** Who asked for the change, for the event metadata. */
export interface Cause {
  firmId: string;
  /** Request or workflow id; a fresh one per command when the caller has none. */
  correlationId: string;
  occurredAt: Date;
}

/**
 * Appends one event to the firm's connection stream. Call it with the transaction that changed the vault row the
 * event reports, under the firm's token lock: the row is where the connection's invariants are enforced (one
 * statement each), and the stream is its change log, so the append uses expected version `any` and commits with the
 * row or not at all. Payloads hold ids only; a token can never reach the log from here.
 */
export const appendConnectionEvent = async <K extends ConnectionEventType>(
  ex: Executor<AuthServiceDb>,
  type: K,
  data: CurrentEventData[K],
  cause: Cause,
): Promise<void> => {
  const trace = traceFromContext(context.active());
  const event = newEvent({
    eventId: randomUUID(),
    type: type as K & EventType,
    data,
    metadata: {
      firmId: cause.firmId,
      correlationId: cause.correlationId,
      causationId: null,
      occurredAt: cause.occurredAt.toISOString(),
      ...(trace ? { trace } : {}),
    },
  });
  // An invalid event is a bug here (ids come from the vault and a verified JWT), not an expected outcome.
  if (!event.ok) throw new Error(`${type} for firm ${cause.firmId} is invalid: ${event.reason}`);
  const r = await appendToStream(ex, streamIds.connection(cause.firmId), StreamTypes.connection, 'any', [event.value]);
  if (!r.ok) throw new Error(`${type} could not be appended to ${streamIds.connection(cause.firmId)}: ${r.reason}`);
};
