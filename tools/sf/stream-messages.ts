import type { NatsConnection } from '@nats-io/nats-core';

/** One message of a stream as the server's message-get answers it. */
export interface StreamMessage {
  seq: number;
  subject: string;
  data: Uint8Array;
  time: Date;
}

interface MsgGetReply {
  message?: { seq: number; subject: string; data?: string; time: string };
  error?: { code: number; description: string };
}

/**
 * The first message of `stream` at or after `seq` whose subject matches `subject`, or null when there is none yet:
 * the JetStream message-get API (`$JS.API.STREAM.MSG.GET.<stream>`, `next_by_subj`, nats-server 2.9). A read that
 * creates nothing on the server (no consumer), so a read-only user needs no other grant.
 */
export const nextStreamMessage = async (
  nc: NatsConnection,
  stream: string,
  seq: number,
  subject: string,
): Promise<StreamMessage | null> => {
  const r = await nc.request(`$JS.API.STREAM.MSG.GET.${stream}`, JSON.stringify({ seq, next_by_subj: subject }), {
    timeout: 10_000,
  });
  const reply = JSON.parse(new TextDecoder().decode(r.data)) as MsgGetReply;
  if (reply.error?.code === 404) return null;
  if (reply.error || !reply.message) throw new Error(`message get failed: ${reply.error?.description ?? 'no message'}`);
  const m = reply.message;
  return { seq: m.seq, subject: m.subject, data: Buffer.from(m.data ?? '', 'base64'), time: new Date(m.time) };
};

/**
 * The sequence of the first message stored at or after `time` (binary search over `[first, last]` by message-get:
 * about log2(messages) reads); `last + 1` when every message is older.
 */
export const firstSeqAtOrAfter = async (
  nc: NatsConnection,
  stream: string,
  range: { first: number; last: number },
  anySubject: string,
  time: Date,
): Promise<number> => {
  let lo = range.first;
  let hi = range.last + 1;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    const m = await nextStreamMessage(nc, stream, mid, anySubject);
    // None at or after mid: the answer is at or below mid.
    if (m === null || m.time.getTime() >= time.getTime()) hi = mid;
    else lo = m.seq + 1;
  }
  return lo;
};
