import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-schedule';

export interface WebhookOptions {
  /** Accept `http://` webhook URLs on loopback hosts (plain test receivers). Clio accepts only https. Default true. */
  allowHttpLoopback?: boolean;
  /** Real-time ms a receiver has to answer a delivery or handshake. Clio: "a short period" (undocumented). Default 10,000. */
  deliveryTimeoutMs?: number;
  /** Backoff of failed deliveries on the simulator clock. Default: 2 min base, 5 re-attempts, doubling. */
  retry?: Partial<RetryPolicy>;
  /** Real-time poll that sends deliveries which became due (e.g. retries after the clock moved), ms. 0 = off. Default 200. */
  pollIntervalMs?: number;
  /** Suspend a webhook when one delivery has failed all its retries. Default true. */
  suspendAfterRetries?: boolean;
  /** Seed of the delivery-chaos PRNG (drop, delay, duplicate; control API `/webhooks/chaos`). Default 1. */
  chaosSeed?: number;
}

export interface ResolvedWebhookOptions {
  allowHttpLoopback: boolean;
  deliveryTimeoutMs: number;
  retry: RetryPolicy;
  pollIntervalMs: number;
  suspendAfterRetries: boolean;
  chaosSeed: number;
}

export const resolveWebhookOptions = (o: WebhookOptions = {}): ResolvedWebhookOptions => ({
  allowHttpLoopback: o.allowHttpLoopback ?? true,
  deliveryTimeoutMs: o.deliveryTimeoutMs ?? 10_000,
  retry: { ...DEFAULT_RETRY_POLICY, ...o.retry },
  pollIntervalMs: o.pollIntervalMs ?? 200,
  suspendAfterRetries: o.suspendAfterRetries ?? true,
  chaosSeed: o.chaosSeed ?? 1,
});
