// Public surface of @sf/sync-jobs: the pure sync-job domain (scope and job folds, request/control/stall deciders,
// policy-state assembly, estimates). No I/O: the orchestrator reads streams and read models and passes facts in.
export { SyncScope } from './sync-scope';
export { SyncJobState, isTerminalJobState } from './sync-job-state';
export { eventTime } from './sync-log-event';
export type { SyncLogEvent } from './sync-log-event';
export { evolveScope, foldScope, initialScopeState } from './scope-state';
export type { OpenJob, ScopeState } from './scope-state';
export { EMPTY_JOB_TAIL, isPausedTail, jobTailOf } from './job-tail';
export type { JobTail } from './job-tail';
export { coveringJob, policyStateFor } from './policy-state';
export type { ActiveJobFacts, ScopeFacts } from './policy-state';
export { expectationOf } from './planned-append';
export type { Expectation, PlannedAppend } from './planned-append';
export type { CommandMeta } from './command-meta';
export { decideRequest, decideResync } from './decide-request';
export type { RequestOutcome, RequestSync } from './decide-request';
export { checkResync, isRejection } from './resync';
export type { RequestRejection, ResyncRequest } from './resync';
export {
  DEFAULT_ONBOARDING,
  MAX_RECENT_MONTHS,
  RECENT_FIRST_ENTITY_TYPES,
  monthsBefore,
  onboardingPlan,
} from './onboarding';
export type { OnboardingOptions, OnboardingPlan, RecentFirstEntityType } from './onboarding';
export { checkOnboarding, decideOnboarding, onboardingSettingOf } from './decide-onboarding';
export type { OnboardingOutcome, SetOnboarding } from './decide-onboarding';
export { decideStallRestart } from './stall-check';
export type { CheckStall } from './stall-check';
export { decideUnclaimed, unclaimedReason } from './unclaimed-check';
export type { CheckUnclaimed } from './unclaimed-check';
export { CANCELLED_PAUSE_REASON, ControlRefusal, JobControl, decideControl } from './decide-control';
export type { ControlJob, ControlOutcome } from './decide-control';
export { PrioritiseRefusal, decidePrioritise } from './decide-prioritise';
export type { PrioritiseEntityType, PrioritiseOutcome } from './decide-prioritise';
export { evolveJob, jobIdOf } from './job-view';
export { PhaseState, completePhase, plannedPhases, withholdFeatures } from './job-phases';
export { FEATURE_ENTITY_TYPES, featureBlockedBy, unavailableFeatures } from './feature-needs';
export type { PhaseView } from './job-phases';
export type { EntityProgress, JobView } from './job-view';
export { connectionStatusOf, evolveFirmConnection } from './firm-connection';
export type { FirmConnection } from './firm-connection';
export {
  DEFAULT_ESTIMATE_CONFIG,
  EtaBasis,
  estimateJob,
  measuredEtaMs,
  progressOf,
  rateLimitedEtaMs,
} from './job-estimate';
export type { EntityEstimate, EstimateConfig, JobEstimate } from './job-estimate';
export { etaErrorAtHalf } from './eta-error';
export type { EtaError } from './eta-error';
export {
  OutcomeKind,
  ProcessingJobStatus,
  countOutcomes,
  evolveProcessingJob,
  foldProcessingJob,
  isFinished,
  isProcessingJobStatus,
  pendingDocuments,
  processingJobView,
} from './processing/processing-job-state';
export type { ProcessingJobState, ProcessingJobView } from './processing/processing-job-state';
export {
  decideCancelProcessing,
  decideRequestProcessing,
  decideStartProcessing,
  gateProcessing,
} from './processing/decide-processing';
export type {
  CancelProcessingOutcome,
  ProcessingFacts,
  ProcessingGate,
  RequestProcessingJob,
  StartProcessingJob,
} from './processing/decide-processing';
export { decideSweepReview, ReviewRefusal } from './review/decide-sweep-review';
export type { HeldSweepFacts, ReviewOutcome, ReviewSweep } from './review/decide-sweep-review';
export {
  DEFAULT_SCHEDULE_SETTINGS,
  SCHEDULE_INTERVAL_BOUNDS,
  decideScheduleChange,
  evolveScheduleSettings,
  foldScheduleSettings,
} from './schedule/schedule-settings';
export type { ChangeSchedule, ScheduleChangeOutcome, ScheduleSettings } from './schedule/schedule-settings';
export { OFF_PEAK_HOURS, OFF_PEAK_ZONES, isOffPeak, nextOffPeak } from './schedule/off-peak';
export {
  BUSY_RETRY_MS,
  DEFAULT_SCHEDULER_CONFIG,
  ScheduleKind,
  WebhookHealth,
  decideDueRun,
  effectiveIntervalMs,
  initialSyncDeferral,
  runOutcome,
} from './schedule/decide-due-run';
export type { DueRun, DueRunDecision, RunOutcome, SchedulerConfig } from './schedule/decide-due-run';
export { evolveFirmSchedule } from './schedule/firm-schedule';
export type { FirmSchedule } from './schedule/firm-schedule';
