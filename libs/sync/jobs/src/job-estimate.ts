import type { BudgetView, SyncJobProgress } from '@sf/sync-policy';
import type { EntityProgress, JobView } from './job-view';

/** Assumptions of the ETA. */
export interface EstimateConfig {
  /** Records per Clio page (the most `limit` allows). Default 200. */
  readonly pageSize: number;
  /** Length of Clio's rate-limit window, in ms. Default 60 000. */
  readonly windowMs: number;
  /** Requests per window assumed while the budget is unknown (Clio's peak limit). Default 50. */
  readonly defaultLimit: number;
  /**
   * Running time (first to last progress) before the job's own rate is trusted, in ms. Default 60 000: one rate
   * window, since a shorter span is dominated by the burst a fresh window allows.
   */
  readonly minMeasuredMs: number;
}

export const DEFAULT_ESTIMATE_CONFIG: EstimateConfig = Object.freeze({
  pageSize: 200,
  windowMs: 60_000,
  defaultLimit: 50,
  minMeasuredMs: 60_000,
});

export interface EntityEstimate extends EntityProgress {
  /** Records still to fetch; null while the total is unknown. */
  readonly remaining: number | null;
  /** Page requests still needed: ceil(remaining / pageSize); null while the total is unknown. */
  readonly requests: number | null;
}

/**
 * What the ETA rests on: `budget` = the fastest Clio's observed limit allows (the job has not run a window yet);
 * `measured` = the job's own records per second so far (slower than the budget bound: other work spent part of
 * the limit, the job waited for the mirror or for Clio); null when no total is known.
 */
export const EtaBasis = { Budget: 'budget', Measured: 'measured' } as const;
export type EtaBasis = (typeof EtaBasis)[keyof typeof EtaBasis];

export interface JobEstimate {
  readonly entities: Readonly<Record<string, EntityEstimate>>;
  /** Sum over entity types; `total` counts only entity types with a known total (see `complete`). */
  readonly requestsNeeded: number;
  /** Time until the last needed record is fetched, in ms; null when no total is known. */
  readonly etaMs: number | null;
  readonly etaBasis: EtaBasis | null;
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
 * The fastest `requests` page requests can go under Clio's observed limit (the budget read from its headers; the
 * peak default of 50 while none was seen). What the current window still allows goes first, at once; the rest waits
 * for the reset and then proceeds at window / limit. The whole limit counts, for a backfill too: the share kept for
 * interactive work is released to backfills in each window's last seconds when nobody spent it, so a lone backfill
 * gets every request (others' use of it shows in the job's measured rate instead).
 */
export const rateLimitedEtaMs = (
  requests: number,
  budget: BudgetView | null,
  now: number,
  c: EstimateConfig = DEFAULT_ESTIMATE_CONFIG,
): number => {
  const limit = budget?.limit ?? c.defaultLimit;
  const paceMs = c.windowMs / Math.max(1, limit);
  if (budget === null || now >= budget.resetAt) return Math.round(requests * paceMs);
  const rest = requests - Math.max(0, budget.remaining);
  const untilReset = budget.resetAt - now;
  return rest <= 0 ? Math.min(Math.round(requests * paceMs), untilReset) : Math.round(untilReset + rest * paceMs);
};

/**
 * The time the job needs for `remaining` records at the rate it has kept so far (records fetched between its
 * start and its last progress); null until it has run for `minMeasuredMs` and fetched something. A pause inside
 * that span counts as running time, so the estimate after a pause is pessimistic until the job catches up.
 */
export const measuredEtaMs = (
  view: Pick<JobView, 'progress' | 'startedAt' | 'lastProgressAt'>,
  remaining: number,
  c: EstimateConfig = DEFAULT_ESTIMATE_CONFIG,
): number | null => {
  if (view.startedAt === null) return null;
  const span = view.lastProgressAt - view.startedAt;
  const fetched = Object.values(view.progress).reduce((sum, p) => sum + p.fetched, 0);
  if (span < c.minMeasuredMs || fetched === 0) return null;
  return Math.round((remaining * span) / fetched);
};

type EstimatedView = Pick<JobView, 'entityTypes' | 'progress' | 'estimates'> &
  Partial<Pick<JobView, 'startedAt' | 'lastProgressAt'>>;

/**
 * Per-entity-type counts, the page requests still needed, and the ETA of a job: the later of the budget's bound
 * and the job's measured pace (when it has one). Entity types whose total is unknown are left out of the ETA
 * (`complete: false`); with no total known at all the ETA is null, never a guess. Pure.
 */
export const estimateJob = (
  view: EstimatedView,
  budget: BudgetView | null,
  now: number,
  config: EstimateConfig = DEFAULT_ESTIMATE_CONFIG,
): JobEstimate => {
  const types = entityTypesOf(view);
  const entities = Object.fromEntries(types.map((t) => [t, entityEstimate(view, t, config.pageSize)]));
  const known = Object.values(entities).filter((e) => e.requests !== null);
  const requestsNeeded = known.reduce((sum, e) => sum + (e.requests ?? 0), 0);
  const complete = known.length === types.length;
  if (known.length === 0) return { entities, requestsNeeded, etaMs: null, etaBasis: null, complete };
  const bound = rateLimitedEtaMs(requestsNeeded, budget, now, config);
  const remaining = known.reduce((sum, e) => sum + (e.remaining ?? 0), 0);
  const measured =
    view.startedAt === undefined || view.lastProgressAt === undefined
      ? null
      : measuredEtaMs(
          { progress: view.progress, startedAt: view.startedAt, lastProgressAt: view.lastProgressAt },
          remaining,
          config,
        );
  return measured !== null && measured > bound
    ? { entities, requestsNeeded, etaMs: measured, etaBasis: EtaBasis.Measured, complete }
    : { entities, requestsNeeded, etaMs: bound, etaBasis: EtaBasis.Budget, complete };
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
