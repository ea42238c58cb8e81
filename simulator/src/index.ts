export { createSimulator } from './simulator';
export type { Simulator, SimulatorOptions, SimulatorPlugin } from './simulator';
export { ManualClock, SystemClock, isManualClock } from './clock';
export type { Clock } from './clock';
export { Router } from './server/router';
export type { RouteOptions } from './server/router';
export { Pipeline, MiddlewareSlot, PIPELINE_ORDER } from './server/pipeline';
export type { Middleware } from './server/pipeline';
export { RequestContext, send, sendError, scopeOfPath, MAX_BODY_BYTES, BadJsonError } from './server/context';
export type { Handler, MatchedRoute, RouteScope, HeaderMap, ClioErrorBody } from './server/context';
export { acceptAnyBearer, bearerToken, versionHeader, INVALID_TOKEN_BODY } from './server/default-middleware';
export { RequestLog } from './server/request-log';
export type { RequestLogEntry } from './server/request-log';
export { SimStore, DEFAULT_TRASH_RETENTION_MS } from './store/store';
export type { StoreChange, ChangeListener, UpdateResult, DeleteResult, GroundTruth, StoreOptions } from './store/store';
export { Resource, ALL_RESOURCES, ChangeKind, TRASHABLE } from './store/resources';
export type {
  BaseRecord,
  MatterRecord,
  ContactRecord,
  DocumentRecord,
  DocumentVersionRecord,
  FolderRecord,
  CalendarEntryRecord,
  TaskRecord,
  ActivityRecord,
  UserRecord,
  CustomFieldRecord,
  CustomFieldValueRecord,
  PicklistOptionRecord,
  AddressRecord,
  EmailRecord,
  PhoneRecord,
  WebSiteRecord,
  RelationshipRecord,
  NoteRecord,
  RecordMap,
  RecordOf,
  AnyRecord,
  NewRecord,
  RecordPatch,
  FirmLookups,
} from './store/records';
export { CustomFieldType } from './store/records';
export { FirmSize, SIZE_PRESETS, countsFor, isFirmSize } from './data/sizes';
export type { EntityCounts } from './data/sizes';
export {
  Header,
  ErrorType,
  Region,
  ALL_REGIONS,
  API_PREFIX,
  SUPPORTED_API_VERSIONS,
  DEFAULT_API_VERSION,
} from './wire';
export type { DownloadOptions } from './api/downloads/download-options';
export { DEFAULT_DOWNLOAD_URL_TTL_MS } from './api/downloads/download-options';
export { FILES_PREFIX, UPLOADS_PREFIX } from './api/downloads/download-routes';
export { fileBytes } from './api/downloads/file-bytes';
export {
  createDocument,
  addDocumentVersion,
  createFolder,
  createMatterFolder,
  completeUpload,
  receiveUpload,
  findVersionByUuid,
} from './api/documents/document-ops';
export type { NewFolder, NewVersion, CompleteResult } from './api/documents/document-ops';
export { AUTH_USER_ID_STATE } from './api/register-routes';
export { MAX_LIMIT, MAX_OFFSET_RECORDS } from './api/list-engine';
export { generateFirm, DEFAULT_ANCHOR } from './data/generate-firm';
export type { GenerateOptions } from './data/generate-firm';
export { compileFields } from './models/compile';
export type { Model, RenderEnv } from './models/model';
export { isoTime } from './models/model';
export { wireFieldsOf, RESOURCE_MODELS } from './models/wire-fields';
export type { ActivityVisibility, VisibilityLevel } from './models/activity-visibility';
// SIM-EDGE: OAuth, rate limits, webhooks, faults, control API, activity generator.
export { SimulatorEdge } from './control/simulator-edge';
export type { IssuedToken } from './control/simulator-edge';
export type { EdgeOptions } from './control/edge-options';
export { CONTROL_KEY_HEADER, CONTROL_PREFIX } from './control/edge-options';
export { SimulatorControl, SimulatorControlError } from './control/simulator-control';
export { AccessRules } from './access/access-rules';
export type { AccessSettings, UserAccess, ContactsVisibility } from './access/access-rules';
export type { RowView, Viewer } from './access/viewer';
export { visibleTruth } from './access/visible-truth';
export type { VisibleTruth, VisibleRecord } from './access/visible-truth';
export type { ClockState } from './control/simulator-control';
export { FaultKind, ALL_FAULT_KINDS } from './control/fault-plan';
export type { FaultPlan, FaultPlanInput } from './control/fault-plan';
export { tokenFingerprint } from './control/request-counters';
export type { TokenCounter } from './control/request-counters';
export { seededRandom } from './control/seeded-random';
export type { OAuthOptions } from './oauth/oauth-options';
export { demoApp } from './oauth/registered-app';
export type { RegisteredApp } from './oauth/registered-app';
export { callerOf, AuthStateKey } from './oauth/auth-state';
export type { Caller } from './oauth/auth-state';
export {
  OAuthPath,
  GrantType,
  OAuthErrorCode,
  DEFAULT_ACCESS_TOKEN_TTL_SECONDS,
  AUTHORIZATION_CODE_TTL_MS,
} from './oauth/oauth-wire';
export type { TokenResponseBody, DeauthorizationCallbackBody, OAuthErrorBody } from './oauth/oauth-wire';
export type { DeauthCallbackRecord } from './oauth/oauth-service';
export type { RateLimitOptions } from './rate-limit/rate-limit-options';
export { PEAK_HOURS, isPeak } from './rate-limit/peak-schedule';
export type { WebhookOptions } from './webhooks/webhook-options';
export {
  WebhookEvent,
  WebhookStatus,
  WEBHOOK_MODELS,
  HookHeader,
  DEFAULT_WEBHOOK_TTL_MS,
  MAX_WEBHOOK_TTL_MS,
} from './webhooks/webhook-wire';
export type { WebhookPayload } from './webhooks/webhook-wire';
export type { WebhookRecord } from './webhooks/webhook-registry';
export type { Delivery, DeliveryAttempt } from './webhooks/delivery-queue';
export { signBody, verifySignature } from './webhooks/signature';
export { DEFAULT_RETRY_POLICY } from './webhooks/retry-schedule';
export type { RetryPolicy } from './webhooks/retry-schedule';
export { startTestReceiver, echoHandshake } from './webhooks/test-receiver';
export type { TestReceiver, ReceivedRequest, ReceiverReply, Responder } from './webhooks/test-receiver';
export type { ActivityOptions, ActivityMix, OpWeights } from './activity/activity-options';
export { DEFAULT_MIX } from './activity/activity-options';
export type { ActivityOp, ActivityStatus } from './activity/activity-generator';
export { ActivityResource } from './activity/recipes';
