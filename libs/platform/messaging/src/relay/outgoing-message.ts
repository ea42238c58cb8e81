import { headers, type MsgHdrs } from '@nats-io/nats-core';
import { subjectFor, wireBodyOf, type TraceContext } from '@sf/contracts';
import type { LoggedEventText } from '@sf/event-store';
import { injectTrace } from '@sf/telemetry';
import { eventSubjectIn, type Topology } from '../topology';

/** What the relay publishes for one event. `msgID` becomes the Nats-Msg-Id header (the dedupe key). */
export interface OutgoingMessage {
  subject: string;
  body: string;
  msgID: string;
  headers: MsgHdrs;
  correlationId: string;
  trace: TraceContext | undefined;
}

/**
 * The wire form of a logged event: JSON body (its payload copied as the log's text), event id as msgID, stored trace
 * context as W3C headers.
 */
export const toOutgoingMessage = (t: Pick<Topology, 'namespace'>, e: LoggedEventText): OutgoingMessage => {
  const h = headers();
  injectTrace(h, e.metadata.trace);
  return {
    subject: eventSubjectIn(t, subjectFor(e)),
    body: wireBodyOf(e, e.dataJson),
    msgID: e.eventId,
    headers: h,
    correlationId: e.metadata.correlationId,
    trace: e.metadata.trace,
  };
};
