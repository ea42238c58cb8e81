import { SyncTriggers, type ClioRegion, type SyncTrigger } from '@sf/contracts';
import { SyncAction, SyncReason, type SyncDecision } from '@sf/sync-policy';
import { isOffPeak, nextOffPeak } from './off-peak';
import type { ScheduleSettings } from './schedule-settings';

/** The two runs a firm's schedule holds: the incremental `schedule` sync and the full `reconcile` listing. */
export const ScheduleKind = { schedule: 'schedule', reconcile: 'reconcile' } as const;
export type ScheduleKind = (typeof ScheduleKind)[keyof typeof ScheduleKind];

/** The firm's webhook health (from the webhooks read model; `off` until webhooks exist for the firm). */
export const WebhookHealth = { healthy: 'healthy', degraded: 'degraded', off: 'off' } as const;
export type WebhookHealth = (typeof WebhookHealth)[keyof typeof WebhookHealth];

export interface SchedulerConfig {
  /** The schedule interval when webhooks are not healthy (a shorter firm interval wins), ms. */
  readonly degradedIntervalMs: number;
  /** Time between reconciliations (full id listing, mark-and-sweep), ms. Run in off-peak hours. */
  readonly reconcileIntervalMs: number;
}

export const DEFAULT_SCHEDULER_CONFIG: SchedulerConfig = {
  degradedIntervalMs: 15 * 60_000,
  reconcileIntervalMs: 24 * 60 * 60_000,
};

/** One due run of one firm, as the scheduler sees it when it claims it. Times are epoch ms. */
export interface DueRun {
  readonly kind: ScheduleKind;
  readonly settings: ScheduleSettings;
  readonly region: ClioRegion;
  /** When the schedule started (the firm connected, or settings last changed while never run). */
  readonly startedAt: number;
  /** The last run of this kind that fired; null before the first. */
  readonly lastRunAt: number | null;
  readonly health: WebhookHealth;
}

export type DueRunDecision =
  | { readonly action: 'fire'; readonly trigger: SyncTrigger }
  /** Not yet: look again at `until` (epoch ms). */
  | { readonly action: 'wait'; readonly until: number };

/** The interval of scheduled syncs: the firm's, shortened to `degradedIntervalMs` unless webhooks are healthy. */
export const effectiveIntervalMs = (s: ScheduleSettings, health: WebhookHealth, c: SchedulerConfig): number => {
  const own = s.intervalMinutes * 60_000;
  return health === WebhookHealth.healthy ? own : Math.min(own, c.degradedIntervalMs);
};

const scheduleDueAt = (r: DueRun, c: SchedulerConfig): number =>
  // An off-peak-only firm's first run is its initial sync, deferred to the first window (see the first-login consumer).
  r.lastRunAt === null && r.settings.offPeakOnly
    ? r.startedAt
    : (r.lastRunAt ?? r.startedAt) + effectiveIntervalMs(r.settings, r.health, c);

/**
 * Whether a claimed run fires now, or when to look again. Schedule runs fire at the effective interval (in
 * off-peak hours only when the firm asks); while webhooks are healthy the run is looked at again at least every
 * `degradedIntervalMs`, so a health drop shortens the wait without any other signal. Reconciliations fire once
 * `reconcileIntervalMs` has passed, always off-peak: a full listing of every entity type is the heavy work the
 * window is for. Pure: `now` is epoch ms.
 */
export const decideDueRun = (r: DueRun, now: number, c: SchedulerConfig = DEFAULT_SCHEDULER_CONFIG): DueRunDecision => {
  const reconcile = r.kind === ScheduleKind.reconcile;
  const dueAt = reconcile ? (r.lastRunAt ?? r.startedAt) + c.reconcileIntervalMs : scheduleDueAt(r, c);
  if (now < dueAt) {
    const recheck = reconcile ? dueAt : Math.min(dueAt, now + c.degradedIntervalMs);
    return { action: 'wait', until: recheck };
  }
  if (reconcile || r.settings.offPeakOnly) {
    const window = nextOffPeak(r.region, now);
    if (window > now) return { action: 'wait', until: window };
  }
  return { action: 'fire', trigger: reconcile ? SyncTriggers.maintenance : SyncTriggers.schedule };
};

/** What became of a fired run: done (the next run is counted from `now`), or retried at `retryAt` (epoch ms). */
export type RunOutcome = { readonly done: true } | { readonly done: false; readonly retryAt: number };

/** A reconciliation that found another job running looks again this much later, ms. */
export const BUSY_RETRY_MS = 5 * 60_000;

/**
 * A run is done whatever the policy answered (a job started, one already covers the firm, the connection is
 * unusable), except when the rate budget blocked it: then it is the same run again once the budget allows. A
 * reconciliation is not done by a job that was already running either (that one may be incremental, and a full
 * listing is what the run is for): it is tried again `BUSY_RETRY_MS` later.
 */
export const runOutcome = (kind: ScheduleKind, d: SyncDecision, now: number): RunOutcome => {
  const budget = d.reason === SyncReason.RateBudgetExhausted || d.reason === SyncReason.RateBudgetReserved;
  if (d.action === SyncAction.Block && budget)
    return { done: false, retryAt: now + (d.metadata?.retryAfterMs ?? 60_000) };
  const busy = d.reason === SyncReason.AlreadySyncing || d.reason === SyncReason.BlockedUntil;
  if (kind === ScheduleKind.reconcile && busy) return { done: false, retryAt: now + BUSY_RETRY_MS };
  return { done: true };
};

/** Whether a firm whose schedule is `settings` gets its initial sync at connect (`null`) or at `deferUntil`. */
export const initialSyncDeferral = (settings: ScheduleSettings, region: ClioRegion, now: number): number | null =>
  settings.offPeakOnly && !isOffPeak(region, now) ? nextOffPeak(region, now) : null;
