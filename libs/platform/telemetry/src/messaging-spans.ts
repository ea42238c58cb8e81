import {
  SpanKind,
  SpanStatusCode,
  trace,
  type Attributes,
  type Context,
  type Span,
  type Tracer,
} from '@opentelemetry/api';
import { MESSAGING_SYSTEM, MessagingAttr, MessagingOperation, MessagingOperationType } from './semconv';

const TRACER_NAME = '@sf/messaging';
const tracer = (): Tracer => trace.getTracer(TRACER_NAME);

export interface MessageSpanFields {
  /** Low-cardinality destination used in the span name, e.g. `sf.events` or a consumer name. */
  destinationTemplate: string;
  /** Concrete subject, e.g. `sf.events.<firm>.SyncRequested`. */
  destinationName: string;
  /** Event id (also the Nats-Msg-Id). */
  messageId: string;
  /** Correlation id of the event's workflow. */
  conversationId: string;
  /** Parent context: the event's stored creation context (publish) or the one extracted from headers (process). */
  parent: Context;
}

/** `publish <destinationTemplate>` PRODUCER span, child of the event's creation context. */
export const startPublishSpan = (f: MessageSpanFields): Span =>
  tracer().startSpan(
    `${MessagingOperation.Publish} ${f.destinationTemplate}`,
    { kind: SpanKind.PRODUCER, attributes: attributes(MessagingOperation.Publish, MessagingOperationType.Send, f) },
    f.parent,
  );

/** `process <consumer>` CONSUMER span, child of the context the message carried. */
export const startProcessSpan = (f: MessageSpanFields & { consumer: string; deliveryCount: number }): Span =>
  tracer().startSpan(
    `${MessagingOperation.Process} ${f.consumer}`,
    {
      kind: SpanKind.CONSUMER,
      attributes: {
        ...attributes(MessagingOperation.Process, MessagingOperationType.Process, f),
        [MessagingAttr.ConsumerGroupName]: f.consumer,
        [MessagingAttr.NatsDeliveryCount]: f.deliveryCount,
      },
    },
    f.parent,
  );

/** Ends a span; a failure sets ERROR status with a low-cardinality `error.type` (never a message with values). */
export const endSpan = (span: Span, failure?: { type: string }): void => {
  if (failure) {
    span.setAttribute(MessagingAttr.ErrorType, failure.type);
    span.setStatus({ code: SpanStatusCode.ERROR });
  }
  span.end();
};

/** Context in which child spans of `span` should start (pass it explicitly; there is no ambient context). */
export const contextWithSpan = (parent: Context, span: Span): Context => trace.setSpan(parent, span);

const attributes = (op: MessagingOperation, type: MessagingOperationType, f: MessageSpanFields): Attributes => ({
  [MessagingAttr.System]: MESSAGING_SYSTEM,
  [MessagingAttr.OperationName]: op,
  [MessagingAttr.OperationType]: type,
  [MessagingAttr.DestinationName]: f.destinationName,
  [MessagingAttr.DestinationTemplate]: f.destinationTemplate,
  [MessagingAttr.MessageId]: f.messageId,
  [MessagingAttr.ConversationId]: f.conversationId,
});
