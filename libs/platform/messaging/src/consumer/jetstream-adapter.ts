import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { publishDeadLetter } from './dead-letter';
import type { Settlement } from './settlement';

/**
 * The only place that acks, naks, terms or extends a JetStream message. Everything upstream decides a
 * Settlement as a value; this file carries it out, after the consumer's transaction has committed.
 */
export interface AdapterContext {
  js: JetStreamClient;
  consumer: string;
  deadLetterSubject: string;
  now: () => Date;
}

export type SettleResult = 'acked' | 'retried' | 'dead-lettered' | 'dead-letter-failed';

export const settle = async (c: AdapterContext, msg: JsMsg, s: Settlement): Promise<SettleResult> => {
  switch (s.kind) {
    case 'ack':
      msg.ack();
      return 'acked';
    case 'retry':
      msg.nak(s.delayMs);
      return 'retried';
    case 'dead':
      try {
        await publishDeadLetter(
          c.js,
          msg,
          { consumer: c.consumer, subject: c.deadLetterSubject, reason: s.reason },
          c.now(),
        );
      } catch {
        // Not stored in the DLQ: keep the message in JetStream and try again (the consumer's spare delivery
        // covers a failure on the last allowed one).
        msg.nak();
        return 'dead-letter-failed';
      }
      // term() without a reason: reasons need nats-server 2.11, we run 2.9.
      msg.term();
      return 'dead-lettered';
  }
};

/** Resets ack_wait for messages still waiting in a long batch, so JetStream does not redeliver them meanwhile. */
export const extendAckWait = (msgs: readonly JsMsg[]): void => {
  for (const m of msgs) m.working();
};

/** Hands back messages this process received but will not apply (stopping): redelivered at once, elsewhere. */
export const releaseUnprocessed = (msgs: readonly JsMsg[]): void => {
  for (const m of msgs) m.nak();
};
