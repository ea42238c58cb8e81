import { SubscriptionStatus } from '@sf/sync-webhooks';
import { reconcileFirmWebhooks, removeFirmWebhooks, type RegistrarDeps } from './firm-registrar';

const ACTIVE = 'active';

/**
 * One registrar pass: every connected firm (`firm_connections`, status active) gets its webhooks reconciled, and a
 * firm with live subscriptions but no active connection (disconnected, or needs re-authorisation) has them removed.
 */
export const registrarPass = async (
  deps: RegistrarDeps,
  onFirmError: (firmId: string, err: unknown) => void,
): Promise<{ reconciled: number; removed: number }> => {
  const connected = (
    await deps.db.selectFrom('firm_connections').select('firm_id').where('status', '=', ACTIVE).execute()
  ).map((r) => r.firm_id);
  const subscribed = (
    await deps.db
      .selectFrom('webhook_subscriptions')
      .select('firm_id')
      .distinct()
      .where('status', '<>', SubscriptionStatus.removed)
      .execute()
  ).map((r) => r.firm_id);
  const active = new Set(connected);
  let reconciled = 0;
  let removed = 0;
  for (const firmId of connected) {
    try {
      await reconcileFirmWebhooks(deps, firmId);
      reconciled++;
    } catch (err) {
      onFirmError(firmId, err);
    }
  }
  for (const firmId of subscribed.filter((f) => !active.has(f))) {
    try {
      await removeFirmWebhooks(deps, firmId);
      removed++;
    } catch (err) {
      onFirmError(firmId, err);
    }
  }
  return { reconciled, removed };
};
