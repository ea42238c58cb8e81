import { DeliverPolicy, jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { deadLetterSubjectIn, rebaseSubject, type Topology } from '../topology';
import { SUBJECTS } from '@sf/contracts';
import { viewOfDeadLetter, type DeadLetter } from './dead-letter-view';

export interface DeadLetterQuery {
  /** Only this consumer's dead letters (`sf.dlq.<consumer>`); default every consumer's. */
  consumer?: string;
  /** Only those that failed at or after this instant. */
  since?: Date;
  /** Only this one (its DLQ stream sequence). */
  seq?: number;
  /** At most this many, oldest first. Default 1 000. */
  limit?: number;
}

/**
 * Reads dead letters from the dead-letter stream in order with an ordered consumer (nothing is acked or removed):
 * a dead letter stays until the stream's max age, redriven or not.
 */
export const listDeadLetters = async (
  nc: NatsConnection,
  topology: Pick<Topology, 'namespace' | 'streams'>,
  q: DeadLetterQuery = {},
): Promise<DeadLetter[]> => {
  const stream = topology.streams.deadLetters.name;
  const subject =
    q.consumer === undefined
      ? rebaseSubject(topology.namespace, SUBJECTS.deadLetters)
      : deadLetterSubjectIn(topology, q.consumer);
  const limit = q.limit ?? 1_000;
  // No dead-letter stream yet (no service provisioned it): no dead letters.
  const info = await (await jetstreamManager(nc)).streams.info(stream).catch(() => null);
  if (info === null || info.state.messages === 0) return [];
  const consumer = await jetstream(nc).consumers.get(stream, {
    // One subject as a string: nats-server 2.9 takes no filter_subjects list.
    filter_subjects: subject,
    ...(q.seq !== undefined
      ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: q.seq }
      : q.since !== undefined
        ? { deliver_policy: DeliverPolicy.StartTime, opt_start_time: q.since.toISOString() }
        : {}),
  });
  const out: DeadLetter[] = [];
  try {
    while (out.length < limit) {
      const m = await consumer.next({ expires: 1_000 });
      if (m === null) break;
      if (q.seq !== undefined && m.seq !== q.seq) break;
      out.push({ view: viewOfDeadLetter(m.seq, m.subject, m.headers, m.data), data: m.data, headers: m.headers });
      if (q.seq !== undefined || m.info.pending === 0) break;
    }
  } finally {
    await consumer.delete().catch(() => undefined);
  }
  return out;
};
