import type { JetStreamClient } from '@nats-io/jetstream';
import { contextFromTrace, endSpan, startPublishSpan } from '@sf/telemetry';
import type { OutgoingMessage } from './outgoing-message';

export interface PublishOutcome {
  /** Messages the stream stored for the first time. */
  stored: number;
  /** Messages the stream dropped as duplicates of an earlier Nats-Msg-Id (a re-publish after a crash). */
  duplicates: number;
}

/**
 * A publish failed. `ackedPrefix` leading messages were acked before it: the caller stores its checkpoint after
 * them, so a retry much later (past the duplicate window, after a long outage) does not publish them again.
 */
export class PublishFailed extends Error {
  constructor(
    readonly ackedPrefix: number,
    override readonly cause: unknown,
  ) {
    super(`publish failed after ${ackedPrefix} acked message(s): ${cause instanceof Error ? cause.message : 'error'}`);
    this.name = 'PublishFailed';
  }
}

type Settled = { ok: true; duplicate: boolean } | { ok: false; error: unknown };

/**
 * Publishes in order with up to `window` PubAcks outstanding, and resolves once every message is acked. Throws
 * `PublishFailed` (the earliest failure and how many messages before it were acked) after all in-flight publishes
 * settle; the caller then retries after that prefix, and the dedupe window drops whatever else had been stored.
 */
export const publishPipelined = async (
  js: JetStreamClient,
  messages: readonly OutgoingMessage[],
  window: number,
  destinationTemplate: string,
): Promise<PublishOutcome> => {
  const inflight: Promise<Settled>[] = [];
  let failure: { error: unknown; at: number } | undefined;
  let duplicates = 0;
  const take = (s: Settled, at: number): void => {
    if (!s.ok) failure ??= { error: s.error, at };
    else if (s.duplicate) duplicates += 1;
  };
  for (let i = 0; i < messages.length && !failure; i++) {
    if (i >= window) take(await inflight[i - window]!, i - window);
    inflight.push(publishOne(js, messages[i]!, destinationTemplate));
  }
  const from = Math.max(0, inflight.length - window);
  (await Promise.all(inflight.slice(from))).forEach((s, k) => take(s, from + k));
  // Settled in order above, so the first failure seen is the earliest one: everything before it was acked.
  if (failure) throw new PublishFailed(failure.at, failure.error);
  return { stored: messages.length - duplicates, duplicates };
};

const publishOne = (js: JetStreamClient, m: OutgoingMessage, destinationTemplate: string): Promise<Settled> => {
  const span = startPublishSpan({
    destinationTemplate,
    destinationName: m.subject,
    messageId: m.msgID,
    conversationId: m.correlationId,
    parent: contextFromTrace(m.trace),
  });
  return js.publish(m.subject, m.body, { msgID: m.msgID, headers: m.headers }).then(
    (ack): Settled => {
      endSpan(span);
      return { ok: true, duplicate: ack.duplicate };
    },
    (error: unknown): Settled => {
      endSpan(span, { type: error instanceof Error ? error.name : 'unknown' });
      return { ok: false, error };
    },
  );
};
