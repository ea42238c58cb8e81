import {
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
  type SpanContext,
  type SpanOptions,
  type SpanStatus,
  type Tracer,
  type TracerProvider,
} from '@opentelemetry/api';
import { randomBytes } from 'node:crypto';
import { endSpan, startProcessSpan, startPublishSpan } from './messaging-spans';
import { contextFromTrace } from './trace-context';

// A minimal recording tracer built on the public API (the project ships no SDK): it keeps what the helpers set.
interface Recorded {
  name: string;
  kind: SpanKind | undefined;
  attributes: Attributes;
  parent: SpanContext | undefined;
  context: SpanContext;
  status?: SpanStatus;
  ended: boolean;
}
const recorded: Recorded[] = [];
const recordingTracer: Tracer = {
  startSpan: (name: string, options: SpanOptions = {}, ctx?: Context): Span => {
    const parent = ctx ? trace.getSpanContext(ctx) : undefined;
    const r: Recorded = {
      name,
      kind: options.kind,
      attributes: { ...options.attributes },
      parent,
      context: {
        traceId: parent?.traceId ?? randomBytes(16).toString('hex'),
        spanId: randomBytes(8).toString('hex'),
        traceFlags: 1,
      },
      ended: false,
    };
    recorded.push(r);
    const span: Span = {
      spanContext: () => r.context,
      setAttribute: (k, v) => ((r.attributes[k] = v), span),
      setAttributes: (a) => (Object.assign(r.attributes, a), span),
      addEvent: () => span,
      addLink: () => span,
      addLinks: () => span,
      setStatus: (s) => ((r.status = s), span),
      updateName: () => span,
      end: () => void (r.ended = true),
      isRecording: () => !r.ended,
      recordException: () => undefined,
    };
    return span;
  },
  startActiveSpan: (() => {
    throw new Error('not used');
  }) as Tracer['startActiveSpan'],
};
const provider: TracerProvider = { getTracer: () => recordingTracer };

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const parent = contextFromTrace({ traceparent: `00-${TRACE_ID}-00f067aa0ba902b7-01` });
const fields = {
  destinationTemplate: 'sf.events',
  destinationName: 'sf.events.firm-1.SyncRequested',
  messageId: 'evt-1',
  conversationId: 'corr-1',
  parent,
};

describe('messaging spans', () => {
  beforeAll(() => trace.setGlobalTracerProvider(provider));
  afterAll(() => trace.disable());
  beforeEach(() => (recorded.length = 0));

  it('names the publish span per the OTel messaging conventions and parents it on the event trace', () => {
    endSpan(startPublishSpan(fields));
    expect(recorded[0]).toMatchObject({
      name: 'publish sf.events',
      kind: SpanKind.PRODUCER,
      parent: { traceId: TRACE_ID },
      ended: true,
      attributes: {
        'messaging.system': 'nats',
        'messaging.operation.name': 'publish',
        'messaging.operation.type': 'send',
        'messaging.destination.name': 'sf.events.firm-1.SyncRequested',
        'messaging.message.id': 'evt-1',
        'messaging.message.conversation_id': 'corr-1',
      },
    });
  });

  it('names the process span after the consumer and marks failures with a low-cardinality error.type', () => {
    const span = startProcessSpan({
      ...fields,
      destinationTemplate: 'projector',
      consumer: 'projector',
      deliveryCount: 2,
    });
    endSpan(span, { type: 'retry' });
    expect(recorded[0]).toMatchObject({
      name: 'process projector',
      kind: SpanKind.CONSUMER,
      status: { code: SpanStatusCode.ERROR },
      attributes: {
        'messaging.operation.name': 'process',
        'messaging.consumer.group.name': 'projector',
        'messaging.nats.message.delivery_count': 2,
        'error.type': 'retry',
      },
    });
    expect(recorded[0]!.context.traceId).toBe(TRACE_ID);
  });

  it('starts a root span when the message carried no trace', () => {
    endSpan(startPublishSpan({ ...fields, parent: ROOT_CONTEXT }));
    expect(recorded[0]!.parent).toBeUndefined();
  });
});
