import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { sql, type Kysely } from 'kysely';
import type { EventStoreTables } from '@sf/event-store';
import { connectionOptionsOf, Hdr, natsIdentityFromEnv } from '@sf/messaging';

export interface StreamVsLog {
  logEvents: number;
  streamMessages: number;
  /** Event ids of the log that are not in the stream. */
  missing: number;
  /** Event ids stored in the stream more than once. */
  duplicated: number;
}

/** Reads the whole events stream (Nats-Msg-Id = event id) and the whole log, and counts the differences. */
export const compareStreamWithLog = async <DB extends EventStoreTables>(
  db: Kysely<DB>,
  natsUrl: string,
  stream: string,
): Promise<StreamVsLog> => {
  const { rows } = await sql<{ id: string }>`select event_id::text as id from es_events`.execute(db);
  // As the environment's identity: the test identity under Jest, the soak's inspector in the soak.
  const nc = await connect({
    ...connectionOptionsOf(natsIdentityFromEnv()),
    servers: natsUrl.split(','),
    name: 'stream-vs-log',
  });
  try {
    const total = (await (await jetstreamManager(nc)).streams.info(stream)).state.messages;
    const seen = new Map<string, number>();
    if (total > 0) {
      const consumer = await jetstream(nc).consumers.get(stream);
      const messages = await consumer.consume({ max_messages: 1_000 });
      for await (const m of messages) {
        const id = m.headers?.get(Hdr.MsgId) ?? '';
        seen.set(id, (seen.get(id) ?? 0) + 1);
        if (m.info.pending === 0) break;
      }
      await messages.close();
    }
    return {
      logEvents: rows.length,
      streamMessages: total,
      missing: rows.filter((r) => !seen.has(r.id)).length,
      duplicated: [...seen.values()].filter((n) => n > 1).length,
    };
  } finally {
    await nc.close();
  }
};
