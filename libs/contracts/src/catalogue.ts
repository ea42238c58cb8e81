import type { EventDefinition } from './event-definition';
import { clioConnected, type ClioConnectedV1 } from './events/clio-connected';
import { clioRecordsFetched, type ClioRecordsFetchedV2 } from './events/clio-records-fetched';
import { connectionNeedsReauth, type ConnectionNeedsReauthV1 } from './events/connection-needs-reauth';
import { connectionRevoked, type ConnectionRevokedV1 } from './events/connection-revoked';
import { documentFailed, type DocumentFailedV1 } from './events/document-failed';
import { documentProcessed, type DocumentProcessedV1 } from './events/document-processed';
import { documentSkipped, type DocumentSkippedV1 } from './events/document-skipped';
import { jobCancelled, type JobCancelledV1 } from './events/job-cancelled';
import { jobCompleted, type JobCompletedV1 } from './events/job-completed';
import { jobStarted, type JobStartedV1 } from './events/job-started';
import { recordsSwept, type RecordsSweptV2 } from './events/records-swept';
import { processingJobRequested, type ProcessingJobRequestedV1 } from './events/processing-job-requested';
import { syncJobBlocked, type SyncJobBlockedV1 } from './events/sync-job-blocked';
import { syncJobCancelled, type SyncJobCancelledV1 } from './events/sync-job-cancelled';
import { syncJobCompleted, type SyncJobCompletedV1 } from './events/sync-job-completed';
import { syncJobFailed, type SyncJobFailedV1 } from './events/sync-job-failed';
import { syncJobResumed, type SyncJobResumedV1 } from './events/sync-job-resumed';
import { syncJobStarted, type SyncJobStartedV4 } from './events/sync-job-started';
import { syncProgressed, type SyncProgressedV3 } from './events/sync-progressed';
import { syncRecordsFlagged, type SyncRecordsFlaggedV1 } from './events/sync-records-flagged';
import { syncRequested, type SyncRequestedV3 } from './events/sync-requested';
import { syncBookmarksReset, type SyncBookmarksResetV1 } from './events/sync-bookmarks-reset';
import { syncJobPaused, type SyncJobPausedV1 } from './events/sync-job-paused';
import { syncJobStalled, type SyncJobStalledV2 } from './events/sync-job-stalled';
import { syncPhaseCompleted, type SyncPhaseCompletedV1 } from './events/sync-phase-completed';
import { syncEntityForbidden, type SyncEntityForbiddenV1 } from './events/sync-entity-forbidden';
import { syncListingRestarted, type SyncListingRestartedV1 } from './events/sync-listing-restarted';
import { heldSweepApproved, type HeldSweepApprovedV1 } from './events/held-sweep-approved';
import { heldSweepRejected, type HeldSweepRejectedV1 } from './events/held-sweep-rejected';
import { clioWebhookRegistered, type ClioWebhookRegisteredV1 } from './events/clio-webhook-registered';
import { clioWebhookRenewed, type ClioWebhookRenewedV1 } from './events/clio-webhook-renewed';
import { clioWebhookRemoved, type ClioWebhookRemovedV1 } from './events/clio-webhook-removed';
import { clioWebhookReceived, type ClioWebhookReceivedV1 } from './events/clio-webhook-received';
import { clioRecordsObserved, type ClioRecordsObservedV2 } from './events/clio-records-observed';
import { syncScheduleChanged, type SyncScheduleChangedV1 } from './events/sync-schedule-changed';
import { onboardingSettingChanged, type OnboardingSettingChangedV1 } from './events/onboarding-setting-changed';
import { syncEntityTypePrioritised, type SyncEntityTypePrioritisedV1 } from './events/sync-entity-type-prioritised';
import { clioWriteRequested, type ClioWriteRequestedV1 } from './events/clio-write-requested';
import { clioWriteAttempted, type ClioWriteAttemptedV1 } from './events/clio-write-attempted';
import { clioWriteApplied, type ClioWriteAppliedV1 } from './events/clio-write-applied';
import { clioWriteFailed, type ClioWriteFailedV1 } from './events/clio-write-failed';
import { clioWriteConflicted, type ClioWriteConflictedV1 } from './events/clio-write-conflicted';
import { clioWriteConflictResolved, type ClioWriteConflictResolvedV1 } from './events/clio-write-conflict-resolved';
import { FormerEventTypes, type EventType } from './wire-names';

/** Current payload shape of every event type (what readers get after upcasting, what writers append). */
export interface CurrentEventData {
  SyncRequested: SyncRequestedV3;
  SyncJobStarted: SyncJobStartedV4;
  SyncProgressed: SyncProgressedV3;
  SyncJobBlocked: SyncJobBlockedV1;
  SyncJobResumed: SyncJobResumedV1;
  SyncJobCompleted: SyncJobCompletedV1;
  SyncJobFailed: SyncJobFailedV1;
  SyncJobCancelled: SyncJobCancelledV1;
  RecordsSwept: RecordsSweptV2;
  ProcessingJobRequested: ProcessingJobRequestedV1;
  JobStarted: JobStartedV1;
  DocumentProcessed: DocumentProcessedV1;
  DocumentSkipped: DocumentSkippedV1;
  DocumentFailed: DocumentFailedV1;
  JobCompleted: JobCompletedV1;
  JobCancelled: JobCancelledV1;
  ClioConnected: ClioConnectedV1;
  ConnectionNeedsReauth: ConnectionNeedsReauthV1;
  ConnectionRevoked: ConnectionRevokedV1;
  ClioRecordsFetched: ClioRecordsFetchedV2;
  SyncRecordsFlagged: SyncRecordsFlaggedV1;
  SyncJobPaused: SyncJobPausedV1;
  SyncJobStalled: SyncJobStalledV2;
  SyncBookmarksReset: SyncBookmarksResetV1;
  SyncPhaseCompleted: SyncPhaseCompletedV1;
  SyncEntityForbidden: SyncEntityForbiddenV1;
  SyncListingRestarted: SyncListingRestartedV1;
  HeldSweepApproved: HeldSweepApprovedV1;
  HeldSweepRejected: HeldSweepRejectedV1;
  ClioWebhookRegistered: ClioWebhookRegisteredV1;
  ClioWebhookRenewed: ClioWebhookRenewedV1;
  ClioWebhookRemoved: ClioWebhookRemovedV1;
  ClioWebhookReceived: ClioWebhookReceivedV1;
  ClioRecordsObserved: ClioRecordsObservedV2;
  SyncScheduleChanged: SyncScheduleChangedV1;
  OnboardingSettingChanged: OnboardingSettingChangedV1;
  SyncEntityTypePrioritised: SyncEntityTypePrioritisedV1;
  ClioWriteRequested: ClioWriteRequestedV1;
  ClioWriteAttempted: ClioWriteAttemptedV1;
  ClioWriteApplied: ClioWriteAppliedV1;
  ClioWriteFailed: ClioWriteFailedV1;
  ClioWriteConflicted: ClioWriteConflictedV1;
  ClioWriteConflictResolved: ClioWriteConflictResolvedV1;
}

/** The one catalogue of event types: name, versions and their classes, upcasters, stream type, description. */
export const CATALOGUE: { readonly [K in EventType]: EventDefinition<K, CurrentEventData[K]> } = {
  SyncRequested: syncRequested,
  SyncJobStarted: syncJobStarted,
  SyncProgressed: syncProgressed,
  SyncJobBlocked: syncJobBlocked,
  SyncJobResumed: syncJobResumed,
  SyncJobCompleted: syncJobCompleted,
  SyncJobFailed: syncJobFailed,
  SyncJobCancelled: syncJobCancelled,
  RecordsSwept: recordsSwept,
  ProcessingJobRequested: processingJobRequested,
  JobStarted: jobStarted,
  DocumentProcessed: documentProcessed,
  DocumentSkipped: documentSkipped,
  DocumentFailed: documentFailed,
  JobCompleted: jobCompleted,
  JobCancelled: jobCancelled,
  ClioConnected: clioConnected,
  ConnectionNeedsReauth: connectionNeedsReauth,
  ConnectionRevoked: connectionRevoked,
  ClioRecordsFetched: clioRecordsFetched,
  SyncRecordsFlagged: syncRecordsFlagged,
  SyncJobPaused: syncJobPaused,
  SyncJobStalled: syncJobStalled,
  SyncBookmarksReset: syncBookmarksReset,
  SyncPhaseCompleted: syncPhaseCompleted,
  SyncEntityForbidden: syncEntityForbidden,
  SyncListingRestarted: syncListingRestarted,
  HeldSweepApproved: heldSweepApproved,
  HeldSweepRejected: heldSweepRejected,
  ClioWebhookRegistered: clioWebhookRegistered,
  ClioWebhookRenewed: clioWebhookRenewed,
  ClioWebhookRemoved: clioWebhookRemoved,
  ClioWebhookReceived: clioWebhookReceived,
  ClioRecordsObserved: clioRecordsObserved,
  SyncScheduleChanged: syncScheduleChanged,
  OnboardingSettingChanged: onboardingSettingChanged,
  SyncEntityTypePrioritised: syncEntityTypePrioritised,
  ClioWriteRequested: clioWriteRequested,
  ClioWriteAttempted: clioWriteAttempted,
  ClioWriteApplied: clioWriteApplied,
  ClioWriteFailed: clioWriteFailed,
  ClioWriteConflicted: clioWriteConflicted,
  ClioWriteConflictResolved: clioWriteConflictResolved,
};

/** Catalogue entries in a stable order (the order of `CATALOGUE`). */
export const catalogueEntries = (): readonly EventDefinition<EventType>[] => Object.values(CATALOGUE);

export const isEventType = (type: unknown): type is EventType =>
  typeof type === 'string' && Object.prototype.hasOwnProperty.call(CATALOGUE, type);

/** Current schema version of a type: what `NewEvent.version` must be when appending it. */
export const currentVersionOf = (type: EventType): number => CATALOGUE[type].currentVersion;

/** The current name of a stored type name: itself, or the new name of a renamed type (`FormerEventTypes`). */
export const currentTypeName = (type: string): string =>
  Object.prototype.hasOwnProperty.call(FormerEventTypes, type) ? FormerEventTypes[type] : type;
