export { natsHeadersGetter, natsHeadersSetter } from './nats-headers-carrier';
export {
  TRACE_HEADERS,
  contextFromHeaders,
  contextFromTrace,
  extractTrace,
  injectTrace,
  parseTraceparent,
  traceFromContext,
} from './trace-context';
export { contextWithSpan, endSpan, startProcessSpan, startPublishSpan } from './messaging-spans';
export type { MessageSpanFields } from './messaging-spans';
export { MAX_PROJECTION_LINKS, ProjectionAttr, startProjectionSpan } from './projection-spans';
export { MESSAGING_SYSTEM, MessagingAttr, MessagingOperation, MessagingOperationType } from './semconv';
export { startTelemetry, telemetryWanted } from './start-telemetry';
export type { Telemetry, TelemetryOptions } from './start-telemetry';
