// Public surface of @sf/contracts: the event envelope, the one event catalogue, validation at every boundary,
// upcasting, the wire form, subjects, stream ids and the AsyncAPI document. Pure: no I/O.

// Envelope
export type { TraceContext, EventMetadata, NewEvent, RecordedEvent } from './envelope';
export type { Validation } from './validation';
export { valid, invalid } from './validation';

// Wire names
export {
  EventTypes,
  FormerEventTypes,
  StreamTypes,
  StreamIdPrefixes,
  SyncTriggers,
  SyncModes,
  SyncScopeKinds,
  SyncPhases,
  SyncFeatures,
  ListingWindows,
  ClioRegions,
  RevokedBy,
  WebhookRemovalReasons,
  ObservationSources,
  WriteEntityTypes,
  WriteOperations,
  WriteApplications,
  WriteResolutions,
  WritableClioFields,
  EventHeaders,
  DeadLetterHeaders,
} from './wire-names';
export { isClioRegion, isSyncScopeKind, isSyncTrigger } from './is-wire-name';
export type {
  EventType,
  StreamType,
  SyncTrigger,
  SyncMode,
  SyncScopeKind,
  SyncPhase,
  SyncFeature,
  ListingWindow,
  ClioRegion,
  WebhookRemovalReason,
  ObservationSource,
  WriteEntityType,
  WriteOperation,
  WriteApplication,
  WriteResolution,
  WritableClioField,
} from './wire-names';

// Catalogue
export { CATALOGUE, catalogueEntries, currentTypeName, currentVersionOf, isEventType } from './catalogue';
export type { CurrentEventData } from './catalogue';
export type { CatalogueEvent, NewCatalogueEvent, RecordedCatalogueEvent, EventData } from './catalogue-event';
export type { EventDefinition, Upcaster } from './event-definition';
export type { DataClass } from './field-registry';
export { ID_MAX_LENGTH, TEXT_MAX_LENGTH } from './fields';
export { SyncScope } from './events/sync-scope';
export { SyncRequestedV1, SyncRequestedV2, SyncRequestedV3, upcastSyncRequestedV1 } from './events/sync-requested';
export {
  SyncJobStartedV1,
  SyncJobStartedV2,
  SyncJobStartedV3,
  SyncJobStartedV4,
  PlannedPhase,
  UnknownEstimate,
} from './events/sync-job-started';
export { SyncProgressedV1, SyncProgressedV2, SyncProgressedV3 } from './events/sync-progressed';
export { SyncPhaseCompletedV1 } from './events/sync-phase-completed';
export { SyncJobBlockedV1 } from './events/sync-job-blocked';
export { SyncJobResumedV1 } from './events/sync-job-resumed';
export { SyncJobCompletedV1 } from './events/sync-job-completed';
export { SyncJobFailedV1 } from './events/sync-job-failed';
export { SyncJobCancelledV1 } from './events/sync-job-cancelled';
export { RecordsSweptV1, RecordsSweptV2 } from './events/records-swept';
export { HeldSweepApprovedV1 } from './events/held-sweep-approved';
export { HeldSweepRejectedV1 } from './events/held-sweep-rejected';
export { ProcessingJobRequestedV1 } from './events/processing-job-requested';
export { JobStartedV1 } from './events/job-started';
export { DocumentProcessedV1 } from './events/document-processed';
export { DocumentSkippedV1 } from './events/document-skipped';
export { DocumentFailedV1 } from './events/document-failed';
export { JobCompletedV1 } from './events/job-completed';
export { JobCancelledV1 } from './events/job-cancelled';
export { ClioConnectedV1 } from './events/clio-connected';
export { ClioRecordsFetchedV1, ClioRecordsFetchedV2 } from './events/clio-records-fetched';
export { SyncRecordsFlaggedV1, FlaggedRecord } from './events/sync-records-flagged';
export { ConnectionNeedsReauthV1 } from './events/connection-needs-reauth';
export { ConnectionRevokedV1 } from './events/connection-revoked';
export { SyncJobPausedV1 } from './events/sync-job-paused';
export { SyncJobStalledV1, SyncJobStalledV2, stallReason } from './events/sync-job-stalled';
export { SyncBookmarksResetV1 } from './events/sync-bookmarks-reset';
export { SyncEntityForbiddenV1 } from './events/sync-entity-forbidden';
export { SyncListingRestartedV1 } from './events/sync-listing-restarted';
export { ClioWebhookRegisteredV1 } from './events/clio-webhook-registered';
export { ClioWebhookRenewedV1 } from './events/clio-webhook-renewed';
export { ClioWebhookRemovedV1 } from './events/clio-webhook-removed';
export { ClioWebhookReceivedV1 } from './events/clio-webhook-received';
export { ClioRecordsObservedV1, ClioRecordsObservedV2, SupersededVersion } from './events/clio-records-observed';
export { SyncScheduleChangedV1 } from './events/sync-schedule-changed';
export { OnboardingSettingChangedV1 } from './events/onboarding-setting-changed';
export { SyncEntityTypePrioritisedV1 } from './events/sync-entity-type-prioritised';
export { ClioWriteRequestedV1 } from './events/clio-write-requested';
export { ClioWriteAttemptedV1 } from './events/clio-write-attempted';
export { ClioWriteAppliedV1 } from './events/clio-write-applied';
export { ClioWriteFailedV1 } from './events/clio-write-failed';
export { ClioWriteConflictedV1 } from './events/clio-write-conflicted';
export { ClioWriteConflictResolvedV1 } from './events/clio-write-conflict-resolved';

// Validation, upcasting, wire form
export { validateEventData } from './validate-event-data';
export { upcastEventData } from './upcast';
export { validateNewEvent, newEvent } from './new-event';
export type { NewEventInput } from './new-event';
export { readEvent, readEventOf, readLoggedEvent, isEventOf } from './read-event';
export type { RecordedEventOf } from './read-event';
export { parseEnvelope } from './parse-envelope';
export { exceedsJsonDepth, MAX_JSON_DEPTH } from './json-depth';
export { toWire, wireBodyOf } from './to-wire';
export type { WireEvent, WireMetadata, WireTrace } from './to-wire';
export { TRACEPARENT_PATTERN, TRACESTATE_PATTERN, isTraceparent } from './trace-context';

// Subjects and streams
export {
  SUBJECTS,
  subjectFor,
  isSubjectToken,
  InvalidSubjectToken,
  SUBJECT_TOKEN_PATTERN,
  FIRM_ID_PATTERN,
} from './subjects';
export { CLIO_RECORD_FIELDS } from './clio-record-fields';
export { streamIds, streamOf } from './stream-ids';
export type { StreamRef } from './stream-ids';

// AsyncAPI
export { buildAsyncApi, renderAsyncApiYaml, CONTRACT_VERSION } from './asyncapi';

// Request-reply contracts
export { RpcSubjects, AccessTokenFailures } from './rpc/access-token';
export type { AccessTokenRequest, AccessTokenReply, AccessTokenFailure } from './rpc/access-token';
export { SyncRequestFailures } from './rpc/sync-request';
export { RedriveOutcomes } from './rpc/redrive';
export type { RedriveOutcome, RedriveReply } from './rpc/redrive';
export type { SyncRequestRpc, SyncRequestReply, SyncRequestDecision, SyncRequestFailure } from './rpc/sync-request';
export { BACKFILL_RESERVE_SHARE } from './rate-budget';

// Record changes (`sf.changes.>`): derived from the log by the mirror, not appended to it
export { ChangeKinds, ChangeMessageTypes, ChangeSources } from './wire-names';
export type { ChangeKind, ChangeMessageType, ChangeSource } from './wire-names';
export { ClioRecordChangedV1, clioRecordChanged, CHANGE_POSITION } from './changes/clio-record-changed';
export type { FieldChange } from './changes/clio-record-changed';
export { changeMessageBodyOf, readChangeMessage, toChangeMessage } from './changes/read-change-message';
export type { ChangeMessage } from './changes/read-change-message';
