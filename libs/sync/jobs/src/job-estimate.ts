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
  /**
   * Page requests the entity type's recent window still needs (a recent-first job lists those records twice): 0
   * once it is done, null while its size is unknown; absent when the job has no window for it.
   */
  readonly recentRequests?: number | null;
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
  const p = view.progress[type];
  const fetched = p?.fetched ?? 0;
  const total = totalOf(view, type);
  const forbidden = p?.forbidden;
  if (forbidden !== undefined) return { fetched, total: fetched, remaining: 0, requests: 0, forbidden };
  const remaining = total === null ? null : Math.max(0, total - fetched);
  const requests = remaining === null ? null : Math.ceil(remaining / pageSize);
  const window = recentRemaining(p);
  return window === undefined
    ? { fetched, total, remaining, requests }
    : { fetched, total, remaining, requests, recentRequests: window === null ? null : Math.ceil(window / pageSize) };
};

/** Records the recent window still has to list: 0 once done, null while its size is unknown, undefined: no window. */
const recentRemaining = (p: EntityProgress | undefined): number | null | undefined => {
  const w = p?.recent;
  if (w === undefined) return undefined;
  if (w.done) return 0;
  return w.total === null ? null : Math.max(0, w.total - w.fetched);
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
  // Pages of a recent window took time too: their records count towards the pace.
  const fetched = Object.values(view.progress).reduce((sum, p) => sum + p.fetched + (p.recent?.fetched ?? 0), 0);
  if (span < c.minMeasuredMs || fetched === 0) return null;
  return Math.round((remaining * span) / fetched);
};

type EstimatedView = Pick<JobView, 'entityTypes' | 'progress' | 'estimates'> &
  Partial<Pick<JobView, 'startedAt' | 'lastProgressAt'>>;

/**
 * Per-entity-type counts, the page requests still needed, and the ETA of a job: the later of the budget's bound
 * and the job's measured pace (when it has one). A recent-first job's windows count on top of the complete
 * listings (their records are listed twice). Entity types whose total is unknown, and windows whose size is, are
 * left out of the ETA (`complete: false`); with no total known at all the ETA is null, never a guess. Pure.
 */
export const estimateJob = (
  view: EstimatedView,
  budget: BudgetView | null,
  now: number,
  config: EstimateConfig = DEFAULT_ESTIMATE_CONFIG,
): JobEstimate => {
  const types = entityTypesOf(view);
  const pairs = types.map((t) => [t, entityEstimate(view, t, config.pageSize)] as const);
  const entities = Object.fromEntries(pairs);
  const known = pairs.filter(([, e]) => e.requests !== null);
  // A recent window's pages come on top of the complete listing's (its records are listed twice).
  const requestsNeeded = known.reduce((sum, [, e]) => sum + (e.requests ?? 0) + (e.recentRequests ?? 0), 0);
  const complete = known.length === types.length && known.every(([, e]) => e.recentRequests !== null);
  if (known.length === 0) return { entities, requestsNeeded, etaMs: null, etaBasis: null, complete };
  const bound = rateLimitedEtaMs(requestsNeeded, budget, now, config);
  const remaining = known.reduce(
    (sum, [t, e]) => sum + (e.remaining ?? 0) + (recentRemaining(view.progress[t]) ?? 0),
    0,
  );
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
