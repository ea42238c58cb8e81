/**
 * What a handler decided about one event. Handlers return a Disposition; only the JetStream adapter turns it
 * into ack / nak / term. A thrown error is not a disposition: it means "transient failure, retry with backoff".
 */
export type Disposition =
  | { readonly kind: 'ack' }
  | { readonly kind: 'retry'; readonly reason: string; readonly afterMs?: number }
  | { readonly kind: 'dead'; readonly reason: string };

export const Disposition = {
  /** The effect is applied (or deliberately none); commit and ack. */
  ack: { kind: 'ack' } as const satisfies Disposition,
  /** Roll back and redeliver later (after `afterMs`, default: exponential backoff). Counts toward maxDeliver. */
  retry: (reason: string, afterMs?: number): Disposition =>
    afterMs === undefined ? { kind: 'retry', reason } : { kind: 'retry', reason, afterMs },
  /** Roll back, copy to the dead-letter subject, never redeliver. `reason` must not contain payload values. */
  dead: (reason: string): Disposition => ({ kind: 'dead', reason }),
} as const;
