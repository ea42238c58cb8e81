// The webhooks part of the soak: the firm's webhooks registered, the simulator's network between Clio and the ingress
// made unreliable (deliveries dropped for good, delayed past newer ones, sent twice), and at the end what happened
// to them: every delivery the ingress recorded applied exactly once, the firm's webhooks healthy again.
import type { OutageStack } from '../outages/outage-stack';
import { waitWebhooksApplied, waitWebhooksHealthy, webhookDeliveries } from '../outages/webhook-checks';

/** What the simulator's network does to deliveries during the soak (`PUT /_control/webhooks/chaos`). */
export const SOAK_CHAOS = { dropShare: 0.1, delayShare: 0.1, delayMs: 3_000, duplicateShare: 0.1 } as const;

export interface SoakWebhooks {
  health: string;
  received: number;
  applied: number;
  appliedTwice: number;
  /** Deliveries the simulator dropped, delayed and duplicated on purpose. */
  chaos: { dropped: number; delayed: number; duplicated: number };
  /** The simulator's delivery attempts (retries and chaos copies included) by outcome: delivered, failed, gone. */
  attempts: Record<string, number>;
}

/** Waits for the firm's webhooks to be registered, then turns the chaos on. */
export const startSoakWebhooks = async (stack: OutageStack): Promise<void> => {
  await waitWebhooksHealthy(stack.db, stack.firmId, 180_000);
  await stack.control('PUT', '/webhooks/chaos', SOAK_CHAOS);
};

interface Attempt {
  outcome: string;
}

/**
 * After the faults: waits until the webhooks are healthy and every recorded delivery is applied; resolves with the
 * figures either way (a wait that timed out leaves them showing what is wrong).
 */
export const finishSoakWebhooks = async (stack: OutageStack, timeoutMs: number): Promise<SoakWebhooks> => {
  const health = await waitWebhooksHealthy(stack.db, stack.firmId, timeoutMs).then(
    (h) => h.health,
    () => 'not healthy',
  );
  const d = await waitWebhooksApplied(stack.db, stack.firmId, timeoutMs).catch(() =>
    webhookDeliveries(stack.db, stack.firmId),
  );
  const chaos = await stack.control<{ counts: SoakWebhooks['chaos'] }>('GET', '/webhooks/chaos');
  const { attempts } = await stack.control<{ attempts: Attempt[] }>('GET', '/webhooks/attempts');
  return {
    health,
    received: d.received,
    applied: d.applied,
    appliedTwice: d.appliedTwice,
    chaos: chaos.counts,
    attempts: attempts.reduce<Record<string, number>>((n, a) => ({ ...n, [a.outcome]: (n[a.outcome] ?? 0) + 1 }), {}),
  };
};

export const soakWebhooksOk = (w: SoakWebhooks): boolean =>
  w.health === 'healthy' && w.received > 0 && w.applied === w.received && w.appliedTwice === 0;
