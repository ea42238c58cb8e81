/** Clio retries failed deliveries with exponential backoff: base 2 minutes, 5 re-attempts, doubling (S-360050277853). */
export interface RetryPolicy {
  /** Delay before the first re-attempt, in ms. Default 120,000. */
  baseDelayMs: number;
  /** Re-attempts after the first try. Default 5. */
  maxRetries: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { baseDelayMs: 120_000, maxRetries: 5 };

/**
 * When to try again after `failedAttempts` failures (1 = the first try failed), or undefined when retries are spent.
 * Delays: 2, 4, 8, 16, 32 minutes.
 */
export const nextAttemptAt = (
  failedAttempts: number,
  now: number,
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): number | undefined =>
  failedAttempts > policy.maxRetries ? undefined : now + policy.baseDelayMs * 2 ** (failedAttempts - 1);

export const DeliveryOutcome = { Delivered: 'delivered', Gone: 'gone', Failed: 'failed' } as const;
export type DeliveryOutcome = (typeof DeliveryOutcome)[keyof typeof DeliveryOutcome];

/** 2xx and 3xx succeed; 410 succeeds and disables the webhook; anything else (and no answer) fails. */
export const classifyResponse = (status: number | undefined): DeliveryOutcome => {
  if (status === 410) return DeliveryOutcome.Gone;
  if (status !== undefined && status >= 200 && status < 400) return DeliveryOutcome.Delivered;
  return DeliveryOutcome.Failed;
};
