import {
  INVALID_SPANID,
  INVALID_TRACEID,
  ROOT_CONTEXT,
  TraceFlags,
  createTraceState,
  isSpanContextValid,
  propagation,
  trace,
  type Context,
  type SpanContext,
} from '@opentelemetry/api';
import type { MsgHdrs } from '@nats-io/nats-core';
import type { TraceContext } from '@sf/contracts';
import { natsHeadersGetter } from './nats-headers-carrier';

/** W3C header names (https://www.w3.org/TR/trace-context/). */
export const TRACE_HEADERS = { traceparent: 'traceparent', tracestate: 'tracestate' } as const;

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/** Parses a version-00 traceparent; anything malformed (or the all-zero ids) is no context. */
export const parseTraceparent = (traceparent: string, tracestate?: string): SpanContext | undefined => {
  const m = TRACEPARENT.exec(traceparent.trim());
  if (!m || m[1] === INVALID_TRACEID || m[2] === INVALID_SPANID) return undefined;
  return {
    traceId: m[1]!,
    spanId: m[2]!,
    traceFlags: Number.parseInt(m[3]!, 16) & TraceFlags.SAMPLED,
    isRemote: true,
    ...(tracestate ? { traceState: createTraceState(tracestate) } : {}),
  };
};

/** Writes the stored trace context of an event into message headers (verbatim; no SDK needed). */
export const injectTrace = (headers: MsgHdrs, t: TraceContext | undefined): void => {
  if (!t || !parseTraceparent(t.traceparent)) return;
  headers.set(TRACE_HEADERS.traceparent, t.traceparent);
  if (t.tracestate) headers.set(TRACE_HEADERS.tracestate, t.tracestate);
};

/** Reads the trace context a message carries, or undefined when it carries none (or a malformed one). */
export const extractTrace = (headers: MsgHdrs | undefined): TraceContext | undefined => {
  const traceparent = natsHeadersGetter.get(headers, TRACE_HEADERS.traceparent);
  if (typeof traceparent !== 'string' || !parseTraceparent(traceparent)) return undefined;
  const tracestate = natsHeadersGetter.get(headers, TRACE_HEADERS.tracestate);
  return typeof tracestate === 'string' ? { traceparent, tracestate } : { traceparent };
};

/**
 * OTel context whose parent is the given trace context. Works without an SDK: with no propagator registered the
 * traceparent is parsed here, so spans started under it (even no-op ones) keep the same trace id.
 */
export const contextFromTrace = (t: TraceContext | undefined, base: Context = ROOT_CONTEXT): Context => {
  if (!t) return base;
  const sc = parseTraceparent(t.traceparent, t.tracestate);
  return sc ? trace.setSpanContext(base, sc) : base;
};

/** Context extracted from message headers: the registered propagator first (baggage etc.), else plain W3C parsing. */
export const contextFromHeaders = (headers: MsgHdrs | undefined): Context => {
  const viaPropagator = propagation.extract(ROOT_CONTEXT, headers, natsHeadersGetter);
  const sc = trace.getSpanContext(viaPropagator);
  return sc && isSpanContextValid(sc) ? viaPropagator : contextFromTrace(extractTrace(headers));
};

/** The trace context to store in event metadata, from an OTel context (e.g. the active request span). */
export const traceFromContext = (ctx: Context): TraceContext | undefined => {
  const sc = trace.getSpanContext(ctx);
  if (!sc || !isSpanContextValid(sc)) return undefined;
  const flags = (sc.traceFlags & TraceFlags.SAMPLED).toString(16).padStart(2, '0');
  const traceparent = `00-${sc.traceId}-${sc.spanId}-${flags}`;
  const tracestate = sc.traceState?.serialize();
  return tracestate ? { traceparent, tracestate } : { traceparent };
};
