import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { DEFAULT_ESTIMATE_CONFIG } from '@sf/sync-jobs';
import { syncPolicyConfig, type SyncStatusView } from '@sf/sync-policy';
import { controlJob, type ControlJobInput, type ControlJobResult } from './control-job';
import { prioritiseJob, type PrioritiseJobInput, type PrioritiseJobResult } from './prioritise-job';
import { jobDetails, type JobDetails } from './job-details';
import { matterSyncStatus } from './matter-status';
import { reviewSweep, type ReviewSweepInput, type ReviewSweepResult } from '../review/review-sweep';
import { firmSyncStatus, userSyncStatus, type FirmSyncStatus } from '../status/firm-status';
import type { UserSyncStatus } from '@sf/sync-policy';
import { isMatterVisible } from './read-model-queries';
import type { RequestRejection } from '@sf/sync-jobs';
import {
  requestSync,
  resyncEntityType,
  type ResyncInput,
  type SyncRequestInput,
  type SyncRequestResult,
} from './request-sync';
import {
  readOnboardingSetting,
  storeOnboardingSetting,
  type OnboardingSettingView,
  type SetOnboardingInput,
} from './onboarding-setting';
import { checkStalledJobs } from './stall-detector';
import { DEFAULT_UNCLAIMED_AFTER_MS, type SyncDeps } from './sync-deps';
import { checkUnclaimedJobs } from './unclaimed-detector';
import type { OrchestratorDb } from '../schema/orchestrator-schema';

/**
 * The sync orchestrator's one entry point. Every transport (HTTP, NATS request-reply, the ClioConnected consumer,
 * the CLI, the stall timer) calls these functions and nothing else writes sync jobs.
 */
export interface SyncService {
  /** Ask for a sync of a firm or a matter; the decision says whether a job started and why not. */
  request(input: SyncRequestInput): Promise<SyncRequestResult>;
  /** Re-sync one entity type of a firm; an unknown entity type is a rejection naming the field. */
  resync(input: ResyncInput): Promise<SyncRequestResult | RequestRejection>;
  /** The firm's onboarding setting (phased initial sync, recent window): stored, or the defaults. */
  onboarding(firmId: string): Promise<OnboardingSettingView>;
  /** Stores the firm's onboarding setting (`OnboardingSettingChanged`); a bad value is a rejection naming the field. */
  setOnboarding(input: SetOnboardingInput): Promise<OnboardingSettingView | RequestRejection>;
  /** Stop (pause), resume, cancel or reset a job. */
  control(input: ControlJobInput): Promise<ControlJobResult>;
  /** `GET /matters/{id}/sync-status`; null when the matter is not visible to the firm. */
  matterStatus(firmId: string, matterId: string): Promise<SyncStatusView | null>;
  /** `GET /sync-status`: the firm's connection, webhooks, jobs, entity types, features and `canSyncNow`. */
  firmStatus(firmId: string): Promise<FirmSyncStatus>;
  /** `GET /sync-status/me` (`getStatusForUser`): what this user may do now and why. */
  userStatus(firmId: string, userId: string): Promise<UserSyncStatus & { userId: string; firmId: string }>;
  /** Approve or reject a sweep the circuit breaker held (the decision goes to the log; the mirror applies it). */
  reviewSweep(input: ReviewSweepInput): Promise<ReviewSweepResult>;
  /** `GET /sync-jobs/{id}`; `firmId` null = any firm (CLI). */
  job(firmId: string | null, jobId: string): Promise<JobDetails | null>;
  isMatterVisible(firmId: string, matterId: string): Promise<boolean>;
  /** One stall check now (what the timer runs); returns the restarted job ids. */
  checkStalls(): Promise<string[]>;
  /** One check for requested jobs no worker started (what the timer runs too); returns the failed job ids. */
  checkUnclaimed(): Promise<string[]>;
  /** Move an entity type to the front of a running job (the fetcher honours it at its next page boundary). */
  prioritise(input: PrioritiseJobInput): Promise<PrioritiseJobResult>;
}

/** Deps with defaults: policy from `@sf/sync-policy` defaults plus overrides, wall clock, random UUIDs. */
export const syncDeps = (db: Kysely<OrchestratorDb>, over: Partial<Omit<SyncDeps, 'db'>> = {}): SyncDeps => ({
  policy: syncPolicyConfig(),
  estimate: DEFAULT_ESTIMATE_CONFIG,
  now: () => new Date(),
  newId: randomUUID,
  maxAttempts: 10,
  unclaimedAfterMs: DEFAULT_UNCLAIMED_AFTER_MS,
  ...over,
  db,
});

export const createSyncService = (deps: SyncDeps): SyncService => ({
  request: (input) => requestSync(deps, input),
  resync: (input) => resyncEntityType(deps, input),
  onboarding: (firmId) => readOnboardingSetting(deps, firmId),
  setOnboarding: (input) => storeOnboardingSetting(deps, input),
  control: (input) => controlJob(deps, input),
  matterStatus: (firmId, matterId) => matterSyncStatus(deps, firmId, matterId),
  firmStatus: (firmId) => firmSyncStatus(deps, firmId),
  userStatus: (firmId, userId) => userSyncStatus(deps, firmId, userId),
  reviewSweep: (input) => reviewSweep(deps, input),
  job: (firmId, jobId) => jobDetails(deps, firmId, jobId),
  isMatterVisible: (firmId, matterId) => isMatterVisible(deps.db, firmId, matterId),
  checkStalls: () => checkStalledJobs(deps),
  checkUnclaimed: () => checkUnclaimedJobs(deps),
  prioritise: (input) => prioritiseJob(deps, input),
});
