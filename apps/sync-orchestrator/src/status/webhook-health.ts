import { WebhookHealth } from '@sf/sync-jobs';
import { webhooksOff } from '../schedule/webhook-health';
import type { SyncDeps } from '../sync/sync-deps';

/** A firm's webhook health in the status: the scheduler's value (`healthy | degraded | off`) and what it means. */
export interface WebhookHealthView {
  state: WebhookHealth;
  message: string;
}

const MESSAGES: Record<WebhookHealth, string> = {
  [WebhookHealth.healthy]: 'Clio webhooks deliver changes as they happen',
  [WebhookHealth.degraded]: 'Clio webhooks are unreliable; changes also arrive with each scheduled sync',
  [WebhookHealth.off]: 'Webhooks are not set up; changes arrive with each sync',
};

/** The firm's webhook health through the same port the scheduler reads (`webhookHealthFromDb` by default). */
export const webhookHealth = async (
  deps: Pick<SyncDeps, 'webhookHealth'>,
  firmId: string,
): Promise<WebhookHealthView> => {
  const state = await (deps.webhookHealth ?? webhooksOff)(firmId);
  return { state, message: MESSAGES[state] };
};
