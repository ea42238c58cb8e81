import { ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { headers } from '@nats-io/nats-core';
import { natsHeadersGetter, natsHeadersSetter } from './nats-headers-carrier';
import {
  contextFromHeaders,
  contextFromTrace,
  extractTrace,
  injectTrace,
  parseTraceparent,
  traceFromContext,
} from './trace-context';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN_ID = '00f067aa0ba902b7';
const TRACEPARENT = `00-${TRACE_ID}-${SPAN_ID}-01`;

describe('NATS header carrier', () => {
  it('reads what it wrote, treats empty values as absent and joins repeated values', () => {
    const h = headers();
    natsHeadersSetter.set(h, 'traceparent', TRACEPARENT);
    h.set('empty', '');
    h.append('tracestate', 'a=1');
    h.append('tracestate', 'b=2');
    expect(natsHeadersGetter.get(h, 'traceparent')).toBe(TRACEPARENT);
    expect(natsHeadersGetter.get(h, 'empty')).toBeUndefined();
    expect(natsHeadersGetter.get(h, 'missing')).toBeUndefined();
    expect(natsHeadersGetter.get(h, 'tracestate')).toBe('a=1,b=2');
    expect(natsHeadersGetter.keys(h)).toEqual(expect.arrayContaining(['traceparent', 'tracestate']));
    expect(natsHeadersGetter.keys(undefined)).toEqual([]);
  });
});

describe('injectTrace / extractTrace', () => {
  it('round-trips an event trace context through message headers', () => {
    const h = headers();
    injectTrace(h, { traceparent: TRACEPARENT, tracestate: 'vendor=x' });
    expect(h.get('traceparent')).toBe(TRACEPARENT);
    expect(extractTrace(h)).toEqual({ traceparent: TRACEPARENT, tracestate: 'vendor=x' });
  });

  it('writes nothing for a missing or malformed context and reads nothing from bare headers', () => {
    const h = headers();
    injectTrace(h, undefined);
    injectTrace(h, { traceparent: `00-${'0'.repeat(32)}-${SPAN_ID}-01` });
    injectTrace(h, { traceparent: 'garbage' });
    expect(h.keys()).toEqual([]);
    expect(extractTrace(h)).toBeUndefined();
    expect(extractTrace(undefined)).toBeUndefined();
  });
});

describe('OTel contexts without an SDK', () => {
  it('parents spans on the carried trace: a no-op span keeps the trace id', () => {
    const h = headers();
    injectTrace(h, { traceparent: TRACEPARENT });
    const ctx = contextFromHeaders(h);
    const span = trace.getTracer('test').startSpan('child', {}, ctx);
    expect(span.spanContext().traceId).toBe(TRACE_ID);
    expect(trace.getSpanContext(ctx)).toMatchObject({
      traceId: TRACE_ID,
      spanId: SPAN_ID,
      isRemote: true,
      traceFlags: TraceFlags.SAMPLED,
    });
  });

  it('formats a context back into the W3C form stored in event metadata', () => {
    expect(traceFromContext(contextFromTrace({ traceparent: TRACEPARENT, tracestate: 'k=v' }))).toEqual({
      traceparent: TRACEPARENT,
      tracestate: 'k=v',
    });
    expect(traceFromContext(ROOT_CONTEXT)).toBeUndefined();
    expect(contextFromTrace(undefined)).toBe(ROOT_CONTEXT);
  });

  it('rejects traceparents of other versions or shapes', () => {
    expect(parseTraceparent(TRACEPARENT)).toBeDefined();
    expect(parseTraceparent(`01-${TRACE_ID}-${SPAN_ID}-01`)).toBeUndefined();
    expect(parseTraceparent(`00-${TRACE_ID}-${'0'.repeat(16)}-01`)).toBeUndefined();
    expect(parseTraceparent(`00-${TRACE_ID.toUpperCase()}-${SPAN_ID}-01`)).toBeUndefined();
  });
});
