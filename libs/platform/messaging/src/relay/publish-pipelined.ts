import type { JetStreamClient } from '@nats-io/jetstream';
import { contextFromTrace, endSpan, startPublishSpan } from '@sf/telemetry';
import type { OutgoingMessage } from './outgoing-message';

export interface PublishOutcome {
  /** Messages the stream stored for the first time. */
  stored: number;
  /** Messages the stream dropped as duplicates of an earlier Nats-Msg-Id (a re-publish after a crash). */
  duplicates: number;
}

type Settled = { ok: true; duplicate: boolean } | { ok: false; error: unknown };

/**
 * Publishes in order with up to `window` PubAcks outstanding, and resolves once every message is acked. Throws
 * the first failure after all in-flight publishes settle; the caller then retries from its checkpoint, and the
 * dedupe window drops whatever had been stored.
 */
export const publishPipelined = async (
  js: JetStreamClient,
  messages: readonly OutgoingMessage[],
  window: number,
  destinationTemplate: string,
): Promise<PublishOutcome> => {
  const inflight: Promise<Settled>[] = [];
  let failure: { error: unknown } | undefined;
  let duplicates = 0;
  const take = (s: Settled): void => {
    if (!s.ok) failure ??= { error: s.error };
    else if (s.duplicate) duplicates += 1;
  };
  for (let i = 0; i < messages.length && !failure; i++) {
    if (i >= window) take(await inflight[i - window]!);
    inflight.push(publishOne(js, messages[i]!, destinationTemplate));
  }
  for (const s of await Promise.all(inflight.slice(Math.max(0, inflight.length - window)))) take(s);
  if (failure) throw failure.error;
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
