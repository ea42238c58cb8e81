export { createSimulator, CONTROL_PREFIX } from './simulator';
export type { Simulator, SimulatorOptions, SimulatorPlugin } from './simulator';
export { ManualClock, SystemClock, isManualClock } from './clock';
export type { Clock } from './clock';
export { Router } from './server/router';
export type { Handler, MatchedRoute, RouteOptions } from './server/router';
export { Pipeline, MiddlewareSlot, PIPELINE_ORDER } from './server/pipeline';
export type { Middleware } from './server/pipeline';
export { RequestContext, send, sendError, scopeOfPath, MAX_BODY_BYTES, BadJsonError } from './server/context';
export type { RouteScope, HeaderMap, ClioErrorBody } from './server/context';
export { acceptAnyBearer, bearerToken, versionHeader, INVALID_TOKEN_BODY } from './server/default-middleware';
export { RequestLog } from './server/request-log';
export type { RequestLogEntry } from './server/request-log';
export { SimStore, DEFAULT_TRASH_RETENTION_MS } from './store/store';
export type { StoreChange, ChangeListener, UpdateResult, DeleteResult, GroundTruth, StoreOptions } from './store/store';
export { Resource, ALL_RESOURCES, ChangeKind, TRASHABLE } from './store/resources';
export type {
  BaseRecord, MatterRecord, ContactRecord, DocumentRecord, DocumentVersionRecord, FolderRecord, CalendarEntryRecord,
  TaskRecord, ActivityRecord, UserRecord, CustomFieldRecord, CustomFieldValueRecord, PicklistOptionRecord,
  AddressRecord, EmailRecord, PhoneRecord, RecordMap, RecordOf, AnyRecord, NewRecord, RecordPatch, FirmLookups,
} from './store/records';
export { CustomFieldType } from './store/records';
export { FirmSize, SIZE_PRESETS, countsFor, isFirmSize } from './data/sizes';
export type { EntityCounts } from './data/sizes';
export { Header, ErrorType, Region, ALL_REGIONS, API_PREFIX, SUPPORTED_API_VERSIONS, DEFAULT_API_VERSION } from './wire';
export type { DownloadOptions } from './api/downloads/download-options';
