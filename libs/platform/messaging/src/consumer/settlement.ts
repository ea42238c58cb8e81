import type { Disposition } from './disposition';

/** How one delivered message ends, decided before the adapter touches it. */
export type Settlement =
  | { readonly kind: 'ack' }
  | { readonly kind: 'retry'; readonly delayMs: number; readonly reason: string }
  | { readonly kind: 'dead'; readonly reason: string };

/** What happened to one message inside the consumer's transaction (or before it). */
export type Outcome =
  | { readonly kind: 'invalid'; readonly reason: string }
  /** A well-formed message the log does not back (made up, altered, or on another event's subject). */
  | { readonly kind: 'refused'; readonly reason: string }
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'handled'; readonly disposition: Disposition }
  | { readonly kind: 'threw'; readonly errorType: string };

export interface RetryPolicy {
  /** Delay before the second delivery, in ms; doubles per attempt. */
  baseDelayMs: number;
  /** Upper bound of a retry delay, in ms. */
  maxDelayMs: number;
}

/** Exponential backoff: base * 2^(attempt-1), capped. `attempt` is the delivery that failed (1-based). */
export const retryDelayMs = (attempt: number, p: RetryPolicy): number =>
  Math.min(p.maxDelayMs, p.baseDelayMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));

/**
 * Pure decision from outcome and delivery count: a message that would need another delivery after its last
 * allowed one is dead-lettered instead, with the reason of its last failure.
 */
export const settlementFor = (o: Outcome, deliveryCount: number, maxDeliver: number, p: RetryPolicy): Settlement => {
  switch (o.kind) {
    case 'invalid':
      return { kind: 'dead', reason: `invalid envelope: ${o.reason}` };
    case 'refused':
      return { kind: 'dead', reason: `refused: ${o.reason}` };
    case 'duplicate':
      return { kind: 'ack' };
    case 'threw':
      return retryOrDead(`handler threw ${o.errorType}`, undefined, deliveryCount, maxDeliver, p);
    case 'handled': {
      const d = o.disposition;
      if (d.kind === 'ack') return { kind: 'ack' };
      if (d.kind === 'dead') return { kind: 'dead', reason: d.reason };
      return retryOrDead(d.reason, d.afterMs, deliveryCount, maxDeliver, p);
    }
  }
};

const retryOrDead = (
  reason: string,
  afterMs: number | undefined,
  n: number,
  max: number,
  p: RetryPolicy,
): Settlement =>
  n >= max
    ? { kind: 'dead', reason: `gave up after ${n} deliveries: ${reason}` }
    : { kind: 'retry', delayMs: afterMs ?? retryDelayMs(n, p), reason };

/** Low-cardinality description of a thrown value: class name and, if any, its code. Never the message. */
export const errorType = (err: unknown): string => {
  if (!(err instanceof Error)) return typeof err;
  const code = (err as { code?: unknown }).code;
  return typeof code === 'string' || typeof code === 'number' ? `${err.name}(${code})` : err.name;
};
