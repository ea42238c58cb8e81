import { SyncPolicyConfig } from './sync-policy-config';
import { decision, SyncDecision, SyncReason } from './sync-decision';
import { BudgetView } from './sync-policy-state';

/** Requests of the window that only interactive and webhook-driven work may spend (rounded up). */
export const reserveOf = (budget: BudgetView, config: SyncPolicyConfig): number =>
  Math.ceil(budget.limit * config.reserveShare);

/**
 * The block the rate budget imposes on a trigger, or null when it may start.
 * An unknown budget, or a snapshot whose window has already reset, does not block: the policy only decides whether
 * to start, and the fetcher enforces the live budget request by request.
 */
export const budgetBlock = (
  budget: BudgetView | null,
  spendsReserve: boolean,
  now: number,
  config: SyncPolicyConfig,
): SyncDecision | null => {
  if (budget === null || now >= budget.resetAt) return null;
  const spendable = spendsReserve ? budget.remaining : budget.remaining - reserveOf(budget, config);
  if (spendable >= config.minRemainingToStart) return null;
  const reason =
    budget.remaining >= config.minRemainingToStart ? SyncReason.RateBudgetReserved : SyncReason.RateBudgetExhausted;
  return decision(reason, { blockedUntil: budget.resetAt, retryAfterMs: budget.resetAt - now });
};
