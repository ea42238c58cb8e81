import { sql, type Transaction } from 'kysely';
import type { WebhooksDb } from '../schema/webhooks-schema';
import type { InboxDelivery } from './delivery-plan';

/**
 * Adds a pass's applied deliveries to each firm's stats, with the lag (received → applied) of the pass's oldest
 * delivery. Written in the applier's transaction, so the counts match the checkpoint.
 */
export const recordApplied = async (
  trx: Transaction<WebhooksDb>,
  deliveries: readonly InboxDelivery[],
  now: Date,
): Promise<void> => {
  const perFirm = new Map<string, { applied: number; lagMs: number }>();
  for (const d of deliveries) {
    const lag = Math.max(0, now.getTime() - Date.parse(d.receivedAt));
    const s = perFirm.get(d.firmId) ?? { applied: 0, lagMs: 0 };
    perFirm.set(d.firmId, { applied: s.applied + 1, lagMs: Math.max(s.lagMs, lag) });
  }
  if (perFirm.size === 0) return;
  // Every firm of the pass in one statement.
  const firms = [...perFirm.keys()];
  const applied = firms.map((f) => perFirm.get(f)!.applied);
  const lags = firms.map((f) => perFirm.get(f)!.lagMs);
  await sql`
    insert into webhook_firm_stats (firm_id, applied, last_applied_at, last_lag_ms, max_lag_ms)
    select f, a, ${now}, l, l from unnest(${firms}::text[], ${applied}::int8[], ${lags}::int4[]) as t(f, a, l)
    on conflict (firm_id) do update set applied = webhook_firm_stats.applied + excluded.applied,
      last_applied_at = excluded.last_applied_at, last_lag_ms = excluded.last_lag_ms,
      max_lag_ms = greatest(webhook_firm_stats.max_lag_ms, excluded.max_lag_ms)`.execute(trx);
};
