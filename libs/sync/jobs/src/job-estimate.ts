import { BACKFILL_RESERVE_SHARE, type BudgetView, type SyncJobProgress } from '@sf/sync-policy';
import type { EntityProgress, JobView } from './job-view';

/** Assumptions of the ETA. */
export interface EstimateConfig {
  /** Records per Clio page (the most `limit` allows). Default 200. */
  readonly pageSize: number;
  /** Length of Clio's rate-limit window, in ms. Default 60 000. */
  readonly windowMs: number;
  /** Requests per window assumed while the budget is unknown (Clio's peak limit). Default 50. */
  readonly defaultLimit: number;
  /** Share of the limit kept for interactive work, which a backfill job cannot spend. Default `BACKFILL_RESERVE_SHARE`. */
  readonly reserveShare: number;
}

export const DEFAULT_ESTIMATE_CONFIG: EstimateConfig = Object.freeze({
  pageSize: 200,
  windowMs: 60_000,
  defaultLimit: 50,
  reserveShare: BACKFILL_RESERVE_SHARE,
});

export interface EntityEstimate extends EntityProgress {
  /** Records still to fetch; null while the total is unknown. */
  readonly remaining: number | null;
  /** Page requests still needed: ceil(remaining / pageSize); null while the total is unknown. */
  readonly requests: number | null;
}

export interface JobEstimate {
  readonly entities: Readonly<Record<string, EntityEstimate>>;
  /** Sum over entity types; `total` counts only entity types with a known total (see `complete`). */
  readonly requestsNeeded: number;
  /** Time until the rate limit lets the last needed request through, in ms; null when no total is known. */
  readonly etaMs: number | null;
  /** False when some entity type's total is unknown: the ETA covers only the known ones. */
  readonly complete: boolean;
}

const totalOf = (view: Pick<JobView, 'progress' | 'estimates'>, type: string): number | null =>
  view.progress[type]?.total ?? view.estimates?.[type] ?? null;

/** Every entity type the job mentions: the started list, then whatever progress or estimates name. */
const entityTypesOf = (view: Pick<JobView, 'entityTypes' | 'progress' | 'estimates'>): string[] => [
  ...new Set([...(view.entityTypes ?? []), ...Object.keys(view.estimates ?? {}), ...Object.keys(view.progress)]),
];

const entityEstimate = (
  view: Pick<JobView, 'progress' | 'estimates'>,
  type: string,
  pageSize: number,
): EntityEstimate => {
  const fetched = view.progress[type]?.fetched ?? 0;
  const total = totalOf(view, type);
  const forbidden = view.progress[type]?.forbidden;
  if (forbidden !== undefined) return { fetched, total: fetched, remaining: 0, requests: 0, forbidden };
  const remaining = total === null ? null : Math.max(0, total - fetched);
  return { fetched, total, remaining, requests: remaining === null ? null : Math.ceil(remaining / pageSize) };
};

/**
 * ETA of `requests` page requests under Clio's rate limit. The job spends `limit` per window, less the reserve
 * when it is a backfill. What the current window still allows goes first, at once; the rest waits for the window
 * to reset and then proceeds at the sustained pace (window / spendable per window). Without a known (or current)
 * budget window, everything proceeds at the sustained pace.
 */
export const rateLimitedEtaMs = (
  requests: number,
  budget: BudgetView | null,
  spendsReserve: boolean,
  now: number,
  c: EstimateConfig = DEFAULT_ESTIMATE_CONFIG,
): number => {
  const limit = budget?.limit ?? c.defaultLimit;
  const reserve = spendsReserve ? 0 : Math.ceil(limit * c.reserveShare);
  const paceMs = c.windowMs / Math.max(1, limit - reserve);
  if (budget === null || now >= budget.resetAt) return Math.round(requests * paceMs);
  const rest = requests - Math.max(0, budget.remaining - reserve);
  const untilReset = budget.resetAt - now;
  return rest <= 0 ? Math.min(Math.round(requests * paceMs), untilReset) : Math.round(untilReset + rest * paceMs);
};

/** Per-entity-type counts, the page requests still needed, and the ETA of a job. Pure. */
export const estimateJob = (
  view: Pick<JobView, 'entityTypes' | 'progress' | 'estimates'>,
  budget: BudgetView | null,
  spendsReserve: boolean,
  now: number,
  config: EstimateConfig = DEFAULT_ESTIMATE_CONFIG,
): JobEstimate => {
  const types = entityTypesOf(view);
  const entities = Object.fromEntries(types.map((t) => [t, entityEstimate(view, t, config.pageSize)]));
  const known = Object.values(entities).filter((e) => e.requests !== null);
  const requestsNeeded = known.reduce((sum, e) => sum + (e.requests ?? 0), 0);
  return {
    entities,
    requestsNeeded,
    etaMs: known.length === 0 ? null : rateLimitedEtaMs(requestsNeeded, budget, spendsReserve, now, config),
    complete: known.length === types.length,
  };
};

/** Records fetched out of the records expected, for the status view (an unknown total counts what was fetched). */
export const progressOf = (
  view: Pick<JobView, 'entityTypes' | 'progress' | 'estimates' | 'estimatedTotal'>,
): SyncJobProgress => {
  const types = entityTypesOf(view);
  const current = types.reduce((sum, t) => sum + (view.progress[t]?.fetched ?? 0), 0);
  const summed = types.reduce((sum, t) => sum + Math.max(totalOf(view, t) ?? 0, view.progress[t]?.fetched ?? 0), 0);
  return { current, total: Math.max(current, summed, view.estimatedTotal ?? 0) };
};
