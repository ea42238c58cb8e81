import type { Executor } from '@sf/db';
import type { OrchestratorDb } from '../schema/orchestrator-schema';

/** Health of a firm's Clio webhooks: `off` until the webhook ingress exists (then its read model answers here). */
export const WebhookStates = { off: 'off', healthy: 'healthy', degraded: 'degraded', failing: 'failing' } as const;
export type WebhookState = (typeof WebhookStates)[keyof typeof WebhookStates];

export interface WebhookHealth {
  state: WebhookState;
  message: string;
}

/**
 * The one place the status asks about webhooks. The webhook ingress (issue: webhooks) will read its subscriptions'
 * read model here; until then every firm's webhooks are off and changes arrive by sync only.
 */
export const webhookHealth = async (_db: Executor<OrchestratorDb>, _firmId: string): Promise<WebhookHealth> =>
  Promise.resolve({ state: WebhookStates.off, message: 'Webhooks are not set up; changes arrive with each sync' });
