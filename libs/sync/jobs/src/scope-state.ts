import { EventTypes, type SyncTrigger } from '@sf/contracts';
import type { OnboardingOptions } from './onboarding';
import { eventTime, type SyncLogEvent } from './sync-log-event';

/** The job a scope stream has opened (`SyncRequested`) and not yet closed (completed, failed or cancelled). */
export interface OpenJob {
  readonly jobId: string;
  readonly trigger: SyncTrigger;
  readonly requestedBy: string | null;
  /** Epoch ms of the `SyncRequested`. */
  readonly requestedAt: number;
}

/**
 * The state of one scope stream (`sync-scope-<firmId>-firm|matter-<id>`), folded from its events. `version` is the
 * stream version the next append must expect: this is what keeps one active job per scope. Times are epoch ms.
 */
export interface ScopeState {
  readonly version: number;
  readonly activeJob: OpenJob | null;
  /** Completion time of the last successful job. */
  readonly lastSyncedAt: number | null;
  /** Time of the last manual request that opened a job (refused requests append nothing, so never count). */
  readonly lastManualRequestAt: number | null;
  readonly lastError: { readonly code: string; readonly occurredAt: number } | null;
  /** Time of the last `SyncBookmarksReset`: the next job of the scope is a full sync. */
  readonly bookmarksResetAt: number | null;
  /** The firm's stored onboarding setting (`OnboardingSettingChanged`, firm scope only); null: the defaults. */
  readonly onboarding: OnboardingOptions | null;
}

export const initialScopeState = (): ScopeState => ({
  version: 0,
  activeJob: null,
  lastSyncedAt: null,
  lastManualRequestAt: null,
  lastError: null,
  bookmarksResetAt: null,
  onboarding: null,
});

/** Closes the active job when the terminal event is for it (a terminal event for another job changes nothing). */
const closing = (s: ScopeState, jobId: string): ScopeState =>
  s.activeJob?.jobId === jobId ? { ...s, activeJob: null } : s;

const evolveOpenClose = (s: ScopeState, e: SyncLogEvent, at: number): ScopeState => {
  switch (e.type) {
    case EventTypes.SyncRequested: {
      const { jobId, trigger, requestedBy } = e.data;
      const activeJob: OpenJob = { jobId, trigger, requestedBy: requestedBy ?? null, requestedAt: at };
      return { ...s, activeJob, ...(trigger === 'manual' ? { lastManualRequestAt: at } : {}) };
    }
    case EventTypes.SyncJobCompleted:
      return s.activeJob?.jobId === e.data.jobId ? { ...s, activeJob: null, lastSyncedAt: at } : s;
    case EventTypes.SyncJobFailed:
      return s.activeJob?.jobId === e.data.jobId
        ? { ...s, activeJob: null, lastError: { code: e.data.code, occurredAt: at } }
        : s;
    case EventTypes.SyncJobCancelled:
      return closing(s, e.data.jobId);
    case EventTypes.SyncBookmarksReset:
      return { ...s, bookmarksResetAt: at };
    case EventTypes.OnboardingSettingChanged:
      return { ...s, onboarding: { phased: e.data.phased, recentMonths: e.data.recentMonths } };
    default:
      return s;
  }
};

/** Folds one scope-stream event. Every event moves the version, known or not. */
export const evolveScope = (state: ScopeState, e: SyncLogEvent): ScopeState => ({
  ...evolveOpenClose(state, e, eventTime(e)),
  version: state.version + 1,
});

export const foldScope = (events: readonly SyncLogEvent[]): ScopeState =>
  events.reduce(evolveScope, initialScopeState());
