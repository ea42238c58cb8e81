import type { JetStreamClient, JsMsg } from '@nats-io/jetstream';
import { headers, type MsgHdrs } from '@nats-io/nats-core';
import { Hdr } from '../wire-names';

export interface DeadLetter {
  consumer: string;
  /** `sf.dlq.<consumer>` in the topology's namespace. */
  subject: string;
  /** Why the consumer gave up; never contains payload values. */
  reason: string;
}

/**
 * Copies a message to the dead-letter subject: original body, original headers, plus where it came from and
 * why it failed. The msgID is per consumer and stream sequence, so re-copying after a crash is deduplicated and
 * two consumers giving up on the same event keep both copies. Resolves once the DLQ stream has stored it.
 */
export const publishDeadLetter = async (js: JetStreamClient, msg: JsMsg, d: DeadLetter, now: Date): Promise<void> => {
  const h = copyHeaders(msg.headers);
  h.set(Hdr.DlqReason, d.reason);
  h.set(Hdr.DlqConsumer, d.consumer);
  h.set(Hdr.DlqSubject, msg.subject);
  h.set(Hdr.DlqStream, msg.info.stream);
  h.set(Hdr.DlqStreamSeq, String(msg.info.streamSequence));
  h.set(Hdr.DlqDeliveries, String(msg.info.deliveryCount));
  h.set(Hdr.DlqFailedAt, now.toISOString());
  await js.publish(d.subject, msg.data, {
    headers: h,
    msgID: `dlq:${d.consumer}:${msg.info.stream}:${msg.info.streamSequence}`,
  });
};

const copyHeaders = (src: MsgHdrs | undefined): MsgHdrs => {
  const h = headers();
  if (!src) return h;
  for (const key of src.keys()) {
    // The original Nats-Msg-Id (the event id) would collide in the DLQ stream's dedupe window across consumers.
    if (key === Hdr.MsgId) continue;
    for (const value of src.values(key)) h.append(key, value);
  }
  return h;
};
