import type { ScopeState } from './scope-state';
import type { SyncScope } from './sync-scope';

/**
 * How a firm-wide initial sync runs. `phased`: in phases (core, supporting, historical), each usable when it
 * completes; it lists the same records in the same order as an unphased job, so it costs nothing but one event per
 * phase, hence on by default. `recentMonths`: documents and activities created in the last N months are listed
 * first and the complete listing after; the recent window is listed twice, so it is off by default and asked for
 * per firm (request option) where the history is large.
 */
export interface OnboardingOptions {
  readonly phased: boolean;
  readonly recentMonths: number | null;
}

export const DEFAULT_ONBOARDING: OnboardingOptions = { phased: true, recentMonths: null };

/**
 * Entity types a recent-first job lists twice: the records created in the recent window first, then all of them.
 * The fetcher plans its windows from this list, and the job view and ETA count their second pass from it.
 */
export const RECENT_FIRST_ENTITY_TYPES = ['documents', 'activities'] as const;
export type RecentFirstEntityType = (typeof RECENT_FIRST_ENTITY_TYPES)[number];

/** Longest recent window a request may ask for (ten years: beyond that, recent-first means nothing). */
export const MAX_RECENT_MONTHS = 120;

/** What `SyncRequested` carries of the plan: nothing for a job that is not phased. */
export interface OnboardingPlan {
  readonly phased?: true;
  readonly recentSince?: string;
}

/** `now` moved back `months` calendar months (UTC; the day is clamped to the shorter month's last day). */
export const monthsBefore = (now: Date, months: number): Date => {
  const d = new Date(now.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() - months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
};

/**
 * The plan of a request: phased only for a firm scope that has never completed a sync (its initial sync) and that
 * is not a re-sync of some entity types. Pure: the recent window is measured back from `now`.
 */
export const onboardingPlan = (
  scope: SyncScope,
  state: ScopeState,
  options: OnboardingOptions,
  resync: boolean,
  now: Date,
): OnboardingPlan => {
  if (!options.phased || resync || scope.kind !== 'firm' || state.lastSyncedAt !== null) return {};
  return options.recentMonths === null
    ? { phased: true }
    : { phased: true, recentSince: monthsBefore(now, options.recentMonths).toISOString() };
};
