/**
 * Every wire name of the event contracts, verbatim and in one place: event type names, stream types, the
 * closed value sets that payloads carry, and the NATS header names that travel with events and dead letters.
 * Renaming anything here is a breaking change for every subscriber (see docs/asyncapi.yaml).
 */

/** Event type names as they appear in the log (`type` column) and in subjects. */
export const EventTypes = {
  SyncRequested: 'SyncRequested',
  SyncJobStarted: 'SyncJobStarted',
  SyncProgressed: 'SyncProgressed',
  SyncJobBlocked: 'SyncJobBlocked',
  SyncJobResumed: 'SyncJobResumed',
  SyncJobCompleted: 'SyncJobCompleted',
  SyncJobFailed: 'SyncJobFailed',
  SyncJobCancelled: 'SyncJobCancelled',
  RecordsSwept: 'RecordsSwept',
  ProcessingJobRequested: 'ProcessingJobRequested',
  JobStarted: 'JobStarted',
  DocumentProcessed: 'DocumentProcessed',
  DocumentSkipped: 'DocumentSkipped',
  DocumentFailed: 'DocumentFailed',
  JobCompleted: 'JobCompleted',
  JobCancelled: 'JobCancelled',
  ClioConnected: 'ClioConnected',
  ConnectionNeedsReauth: 'ConnectionNeedsReauth',
  ConnectionRevoked: 'ConnectionRevoked',
  ClioRecordsFetched: 'ClioRecordsFetched',
  SyncRecordsFlagged: 'SyncRecordsFlagged',
  SyncJobPaused: 'SyncJobPaused',
  SyncJobStalled: 'SyncJobStalled',
  SyncBookmarksReset: 'SyncBookmarksReset',
  SyncPhaseCompleted: 'SyncPhaseCompleted',
  SyncEntityForbidden: 'SyncEntityForbidden',
  SyncListingRestarted: 'SyncListingRestarted',
  HeldSweepApproved: 'HeldSweepApproved',
  HeldSweepRejected: 'HeldSweepRejected',
  ClioWebhookRegistered: 'ClioWebhookRegistered',
  ClioWebhookRenewed: 'ClioWebhookRenewed',
  ClioWebhookRemoved: 'ClioWebhookRemoved',
  ClioWebhookReceived: 'ClioWebhookReceived',
  ClioRecordsObserved: 'ClioRecordsObserved',
  SyncScheduleChanged: 'SyncScheduleChanged',
  OnboardingSettingChanged: 'OnboardingSettingChanged',
  SyncEntityTypePrioritised: 'SyncEntityTypePrioritised',
  ClioWriteRequested: 'ClioWriteRequested',
  ClioWriteAttempted: 'ClioWriteAttempted',
  ClioWriteApplied: 'ClioWriteApplied',
  ClioWriteFailed: 'ClioWriteFailed',
  ClioWriteConflicted: 'ClioWriteConflicted',
  ClioWriteConflictResolved: 'ClioWriteConflictResolved',
} as const;
export type EventType = (typeof EventTypes)[keyof typeof EventTypes];

/**
 * Former names of renamed event types, still in the log: readers see them under the current name (same payload
 * versions). Writers only ever append the current name.
 */
export const FormerEventTypes: Readonly<Record<string, EventType>> = {
  /** It always covered every entity type that a sync sweeps, not only documents. */
  DocumentsSwept: EventTypes.RecordsSwept,
};

/** Stream types (the `stream_type` of a stream in the log). */
export const StreamTypes = {
  syncScope: 'sync_scope',
  syncJob: 'sync_job',
  processingJob: 'processing_job',
  connection: 'connection',
  /** The review of one held sweep: at most one decision (approve or reject), appended at `no_stream`. */
  sweepReview: 'sweep_review',
  /** A firm's Clio webhook subscriptions: registered, renewed, removed. */
  clioWebhooks: 'clio_webhooks',
  /** A firm's verified webhook deliveries (the raw replayable inbox) and what applying them observed. */
  webhookInbox: 'webhook_inbox',
  syncSchedule: 'sync_schedule',
  /** One write-back to Clio: requested, attempted, then applied, failed or conflicted (and resolved). */
  clioWrite: 'clio_write',
} as const;
export type StreamType = (typeof StreamTypes)[keyof typeof StreamTypes];

/** Stream id prefixes: a stream id is `<prefix><jobId>` or `<prefix><firmId>`. */
export const StreamIdPrefixes = {
  syncScope: 'sync-scope-',
  syncJob: 'sync-job-',
  processingJob: 'processing-job-',
  connection: 'connection-',
  sweepReview: 'sweep-review-',
  clioWebhooks: 'clio-webhooks-',
  webhookInbox: 'webhook-inbox-',
  syncSchedule: 'sync-schedule-',
  clioWrite: 'clio-write-',
} as const;

/** What asked for a sync (`SyncRequested.trigger`, HTTP bodies, the sync-request RPC). */
export const SyncTriggers = {
  /** The firm just completed Clio OAuth for the first time: sync everything. */
  firstLogin: 'first_login',
  /** A person pressed "Sync now". */
  manual: 'manual',
  /** A person asked to process a folder of a matter that has never been synced. */
  processClick: 'process_click',
  /** A Clio webhook reported a change. */
  webhook: 'webhook',
  /** The periodic timer. */
  schedule: 'schedule',
  /** Housekeeping (e.g. recovering a stalled job from its checkpoint). */
  maintenance: 'maintenance',
} as const;
export type SyncTrigger = (typeof SyncTriggers)[keyof typeof SyncTriggers];

/** How an entity type is fetched (`SyncProgressed.mode`). */
export const SyncModes = { full: 'full', incremental: 'incremental' } as const;
export type SyncMode = (typeof SyncModes)[keyof typeof SyncModes];

/**
 * Phases of a phased firm-wide initial sync (`SyncJobStarted.phases`, `SyncPhaseCompleted.phase`), in the order they
 * run: each is usable as soon as it completes.
 */
export const SyncPhases = {
  /** Matters, contacts, users and custom fields: the basic features. */
  core: 'core',
  /** Calendar entries and tasks: scheduling and task management. */
  supporting: 'supporting',
  /** Folders, documents and activities: document and billing features (recent window first when asked). */
  historical: 'historical',
} as const;
export type SyncPhase = (typeof SyncPhases)[keyof typeof SyncPhases];

/**
 * Part of an entity type's listing (`SyncProgressed.window`, `SyncPhaseCompleted.window`): `recent` is the records
 * created since the job's `recentSince`, listed before the complete listing. Absent: the complete listing.
 */
export const ListingWindows = { recent: 'recent' } as const;
export type ListingWindow = (typeof ListingWindows)[keyof typeof ListingWindows];

/** Features a completed phase makes available (`SyncPhaseCompleted.features`, the job view). */
export const SyncFeatures = {
  matters: 'matters',
  contacts: 'contacts',
  calendar: 'calendar',
  tasks: 'tasks',
  /** Documents created in the recent window (recent-first). */
  recentDocuments: 'recent_documents',
  /** Activities (time and expense entries) created in the recent window (recent-first). */
  recentBilling: 'recent_billing',
  documents: 'documents',
  billing: 'billing',
} as const;
export type SyncFeature = (typeof SyncFeatures)[keyof typeof SyncFeatures];

/** What a sync covers (`scope.kind`): the whole firm, or one matter (then `scope.matterId` is set). */
export const SyncScopeKinds = { firm: 'firm', matter: 'matter' } as const;
export type SyncScopeKind = (typeof SyncScopeKinds)[keyof typeof SyncScopeKinds];

/** Clio data regions: separate instances, each with its own API host (a token from one is useless in another). */
export const ClioRegions = { us: 'us', eu: 'eu', ca: 'ca', au: 'au' } as const;
export type ClioRegion = (typeof ClioRegions)[keyof typeof ClioRegions];

/** Who ended a Clio connection (`ConnectionRevoked.revokedBy`). */
/** Why a webhook subscription ended (`ClioWebhookRemoved.reason`). */
export const WebhookRemovalReasons = {
  /** The firm disconnected Clio: we deleted it in Clio. */
  disconnected: 'disconnected',
  /** Clio suspended it (failed deliveries): replaced by a new one. */
  suspended: 'suspended',
  /** Clio no longer has it (deleted, or expired before renewal): replaced by a new one. */
  missing: 'missing',
} as const;
export type WebhookRemovalReason = (typeof WebhookRemovalReasons)[keyof typeof WebhookRemovalReasons];

/** Where a `ClioRecordsObserved` came from: a webhook payload, or a targeted fetch by `ids[]` after one. */
export const ObservationSources = { webhookPayload: 'webhook_payload', webhookFetch: 'webhook_fetch' } as const;
export type ObservationSource = (typeof ObservationSources)[keyof typeof ObservationSources];

/** Messages published to `sf.changes.>` (not log events: derived from the log by the mirror, see ClioRecordChanged). */
export const ChangeMessageTypes = { ClioRecordChanged: 'ClioRecordChanged' } as const;
export type ChangeMessageType = (typeof ChangeMessageTypes)[keyof typeof ChangeMessageTypes];

/** What happened to a mirrored record (`ClioRecordChanged.change`). */
export const ChangeKinds = {
  created: 'created',
  updated: 'updated',
  deleted: 'deleted',
  restored: 'restored',
} as const;
export type ChangeKind = (typeof ChangeKinds)[keyof typeof ChangeKinds];

/**
 * What observed a record change (`ClioRecordChanged.source`): a full listing (the first sync, a resync, a
 * reconciliation), an incremental listing, a Clio webhook, or our own write-back to Clio.
 */
export const ChangeSources = {
  initialSync: 'initial_sync',
  incrementalSync: 'incremental_sync',
  webhook: 'webhook',
  writeBack: 'write_back',
} as const;
export type ChangeSource = (typeof ChangeSources)[keyof typeof ChangeSources];

export const RevokedBy = { user: 'user', clio: 'clio' } as const;
export type RevokedBy = (typeof RevokedBy)[keyof typeof RevokedBy];

/** NATS headers the relay sets on every event message. */
export const EventHeaders = {
  /** JetStream de-duplication key; always the event id. */
  msgId: 'Nats-Msg-Id',
  /** W3C trace context of the decision that produced the event (copied from `metadata.trace`). */
  traceparent: 'traceparent',
  tracestate: 'tracestate',
} as const;

/**
 * NATS headers of a dead letter (`sf.dlq.<consumer>`), added to the original event headers (less `Nats-Msg-Id`).
 * The body is the original event body, unchanged. Header values never carry payload content.
 * Kept identical to `Hdr` in @sf/messaging, which sets them.
 */
export const DeadLetterHeaders = {
  /** Durable consumer name that gave up on the message. */
  consumer: 'Sf-Dlq-Consumer',
  /** Why the consumer gave up: a field-level validation reason or an error code, never payload values. */
  reason: 'Sf-Dlq-Reason',
  /** Subject the message was originally delivered on. */
  subject: 'Sf-Dlq-Original-Subject',
  /** JetStream stream of the original message. */
  stream: 'Sf-Dlq-Original-Stream',
  /** Stream sequence of the original message, decimal. */
  streamSequence: 'Sf-Dlq-Stream-Seq',
  /** Delivery attempts made, decimal. */
  deliveries: 'Sf-Dlq-Delivery-Count',
  /** ISO-8601 UTC instant the message was dead-lettered. */
  failedAt: 'Sf-Dlq-Failed-At',
} as const;

/** What a write-back targets: the mirror entity types the gateway lets people write (Clio resource in the writer). */
export const WriteEntityTypes = {
  matterNotes: 'matter_notes',
  contactNotes: 'contact_notes',
  tasks: 'tasks',
  calendarEntries: 'calendar_entries',
  matters: 'matters',
} as const;
export type WriteEntityType = (typeof WriteEntityTypes)[keyof typeof WriteEntityTypes];

/** What a write-back does to its record (`complete` is a task's status set to `complete`). */
export const WriteOperations = { create: 'create', update: 'update', delete: 'delete', complete: 'complete' } as const;
export type WriteOperation = (typeof WriteOperations)[keyof typeof WriteOperations];

/**
 * How a write reached Clio (`ClioWriteApplied.how`): sent as asked; merged after a 412 (only fields Clio did not
 * change); adopted (a create whose answer was lost, found in Clio by its fingerprint instead of being sent again);
 * gone (a delete of a record Clio no longer has).
 */
export const WriteApplications = { sent: 'sent', merged: 'merged', adopted: 'adopted', gone: 'gone' } as const;
export type WriteApplication = (typeof WriteApplications)[keyof typeof WriteApplications];

/** How a person resolved a conflicted write: send mine over Clio's, keep Clio's (drop mine), or send edited values. */
export const WriteResolutions = { keepMine: 'keep_mine', keepClio: 'keep_clio', edit: 'edit' } as const;
export type WriteResolution = (typeof WriteResolutions)[keyof typeof WriteResolutions];

/**
 * Clio field names a write-back may set (`ClioWriteRequested.values`), across notes, tasks, calendar entries and
 * matters; which apply to which entity type is the gateway's validation.
 */
export const WritableClioFields = [
  'subject',
  'detail',
  'detail_text_type',
  'date',
  'name',
  'description',
  'status',
  'priority',
  'due_at',
  'assignee',
  'summary',
  'location',
  'start_at',
  'end_at',
  'all_day',
  'calendar_owner',
  'custom_field_values',
] as const;
export type WritableClioField = (typeof WritableClioFields)[number];
