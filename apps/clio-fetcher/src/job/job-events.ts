import { randomUUID } from 'node:crypto';
import { context } from '@opentelemetry/api';
import { traceFromContext } from '@sf/telemetry';
import { newEvent, type CurrentEventData, type EventMetadata, type EventType, type NewEvent } from '@sf/contracts';

/** Who the job's events are attributed to: the firm, and the request that opened the job. */
export interface EventOrigin {
  firmId: string;
  correlationId: string;
  /** Event id of the `SyncRequested` that opened the job. */
  causationId: string;
}

/**
 * A validated catalogue event with a fresh id. An invalid one is a bug in the fetcher (its payloads are built
 * from validated data), so it throws rather than append something the catalogue rejects.
 */
export const jobEvent = <K extends EventType>(
  origin: EventOrigin,
  now: Date,
  type: K,
  data: CurrentEventData[K],
): NewEvent => {
  const metadata: EventMetadata = {
    firmId: origin.firmId,
    correlationId: origin.correlationId,
    causationId: origin.causationId,
    occurredAt: now.toISOString(),
  };
  // The job runs in its request's trace (job-workers): the relay's publish and every consumer continue it.
  const trace = traceFromContext(context.active());
  if (trace) metadata.trace = trace;
  const checked = newEvent({ eventId: randomUUID(), type, data, metadata });
  if (!checked.ok) throw new Error(`fetcher built an invalid ${type}: ${checked.reason}`);
  return checked.value;
};
