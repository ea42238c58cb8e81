/** HTTP and NATS names of the sync orchestrator, verbatim. */
export const Routes = {
  matterSync: 'matters/:id/sync',
  matterSyncStatus: 'matters/:id/sync-status',
  firmSync: 'firms/:id/sync',
  matterSyncStates: 'firms/:id/matter-sync-states',
  firmResync: 'firms/:id/sync/:entityType',
  firmSchedule: 'firms/:id/sync-schedule',
  firmOnboarding: 'firms/:id/onboarding',
  job: 'sync-jobs/:id',
  documentCount: 'matters/:id/documents/count',
  processingJobs: 'jobs',
  processingJob: 'jobs/:id',
  processingJobCancel: 'jobs/:id/cancel',
  // The mirror's read API (mirror-api/).
  mirrorMatters: 'matters',
  mirrorMatter: 'matters/:id',
  matterFolders: 'matters/:id/folders',
  folderDocuments: 'folders/:id/documents',
  contacts: 'contacts',
  calendarEntries: 'calendar-entries',
  tasks: 'tasks',
  activities: 'activities',
  users: 'users',
  customFields: 'custom-fields',
  // One record of a type with history (mirror-api/record-reads.http-controller.ts; tasks and calendar entries: the
  // write routes' paths, `task` and `calendarEntry`).
  mirrorFolder: 'folders/:id',
  mirrorDocument: 'documents/:id',
  mirrorContact: 'contacts/:id',
  mirrorActivity: 'activities/:id',
  mirrorUser: 'users/:id',
  mirrorCustomField: 'custom-fields/:id',
  // A record's change history (mirror-api/record-history.http-controller.ts).
  matterHistory: 'matters/:id/history',
  folderHistory: 'folders/:id/history',
  documentHistory: 'documents/:id/history',
  contactHistory: 'contacts/:id/history',
  calendarEntryHistory: 'calendar-entries/:id/history',
  taskHistory: 'tasks/:id/history',
  activityHistory: 'activities/:id/history',
  userHistory: 'users/:id/history',
  customFieldHistory: 'custom-fields/:id/history',
  // Firm status, the job list, review flows.
  syncStatus: 'sync-status',
  userSyncStatus: 'sync-status/me',
  syncJobs: 'sync-jobs',
  flaggedRecords: 'review/flagged-records',
  heldSweeps: 'review/held-sweeps',
  heldSweep: 'review/held-sweeps/:id',
  heldSweepApprove: 'review/held-sweeps/:id/approve',
  heldSweepReject: 'review/held-sweeps/:id/reject',
  // Live progress (Server-Sent Events), the prioritise command and the status page (live/, page/).
  firmEvents: 'sync-status/events',
  jobEvents: 'sync-jobs/:id/events',
  jobPrioritise: 'sync-jobs/:id/prioritise/:entityType',
  statusPage: 'status-page',
  // Write-back to Clio (writes/): recorded, answered 202, sent by the writer.
  matterNotes: 'matters/:id/notes',
  contactNotes: 'contacts/:id/notes',
  note: 'notes/:id',
  matterTasks: 'matters/:id/tasks',
  task: 'tasks/:id',
  taskComplete: 'tasks/:id/complete',
  matterCalendarEntries: 'matters/:id/calendar-entries',
  calendarEntry: 'calendar-entries/:id',
  writes: 'writes',
  write: 'writes/:id',
  writeResolve: 'writes/:id/resolve',
} as const;

/** Request header carrying the client's idempotency key of a write (the same key twice is the same write). */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';

/** Queue group of the sync-request RPC: one replica answers each request. */
export const SYNC_RPC_QUEUE = 'sync-orchestrator';

/** Durable consumer that turns `ClioConnected` into a firm-wide `first_login` sync. */
export const FIRST_LOGIN_CONSUMER = 'sync-orchestrator-first-login';

/** Environment variables read by `orchestratorConfigFromEnv`. */
export const OrchestratorEnv = {
  Port: 'PORT',
  Host: 'HOST',
  LogLevel: 'LOG_LEVEL',
  StallCheckIntervalMs: 'SYNC_STALL_CHECK_INTERVAL_MS',
  StallAfterMs: 'SYNC_STALL_AFTER_MS',
  UnclaimedAfterMs: 'SYNC_UNCLAIMED_AFTER_MS',
  ManualCooldownMs: 'SYNC_MANUAL_COOLDOWN_MS',
  RunProjections: 'SYNC_RUN_PROJECTIONS',
  DbPoolMax: 'DB_POOL_MAX',
  SchedulerEnabled: 'SYNC_SCHEDULER_ENABLED',
  SchedulerTickMs: 'SYNC_SCHEDULER_TICK_MS',
  SchedulerLeaseMs: 'SYNC_SCHEDULER_LEASE_MS',
  ScheduleDegradedIntervalMs: 'SYNC_SCHEDULE_DEGRADED_INTERVAL_MS',
  ReconcileIntervalMs: 'SYNC_RECONCILE_INTERVAL_MS',
  StatusPageTokenUrl: 'STATUS_PAGE_TOKEN_URL',
} as const;
