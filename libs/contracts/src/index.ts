export type { TraceContext, EventMetadata, NewEvent, RecordedEvent } from './envelope';
