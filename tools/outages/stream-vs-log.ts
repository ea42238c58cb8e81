import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { ClioMirrorTables } from '@sf/clio-mirror';
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

const API_TIMEOUT_MS = 30_000;
const PARALLEL_GETS = 32;

/** Reads the whole events stream (Nats-Msg-Id = event id) and the whole log, and counts the differences. */
export const compareStreamWithLog = async <DB extends EventStoreTables>(
  db: Kysely<DB>,
  natsUrl: string,
  stream: string,
): Promise<StreamVsLog> =>
  compareStreamWithIds(natsUrl, stream, await idsOf(db, sql`select event_id::text as id from es_events`));

/**
 * Reads the whole record-changes stream (Nats-Msg-Id = change id) and every recorded change, and counts the
 * differences (`logEvents`: the recorded changes).
 */
export const compareChangesWithTable = async <DB extends ClioMirrorTables>(
  db: Kysely<DB>,
  natsUrl: string,
  stream: string,
): Promise<StreamVsLog> =>
  compareStreamWithIds(natsUrl, stream, await idsOf(db, sql`select change_id::text as id from clio_record_changes`));

const idsOf = async <DB>(db: Kysely<DB>, query: RawBuilder<{ id: string }>): Promise<string[]> =>
  (await query.execute(db)).rows.map((r) => r.id);

const compareStreamWithIds = async (natsUrl: string, stream: string, ids: readonly string[]): Promise<StreamVsLog> => {
  // As the environment's identity: the test identity under Jest, the soak's inspector in the soak.
  const nc = await connect({
    ...connectionOptionsOf(natsIdentityFromEnv()),
    servers: natsUrl.split(','),
    name: 'stream-vs-log',
  });
  try {
    // A loaded machine or a cluster with a node down may answer an API request after the client's default 5 s.
    const jsm = await jetstreamManager(nc, { timeout: API_TIMEOUT_MS });
    const { state } = await jsm.streams.info(stream);
    const total = state.messages;
    const seen = new Map<string, number>();
    // Message by message from the stream leader, never through a consumer: on a 3-node cluster with a node down, the
    // creation of the ephemeral (R1) consumer went unanswered even with 30 s (its placement may pick the dead peer).
    for (let from = state.first_seq; total > 0 && from <= state.last_seq; from += PARALLEL_GETS) {
      const seqs = Array.from({ length: Math.min(PARALLEL_GETS, state.last_seq - from + 1) }, (_, i) => from + i);
      for (const m of await Promise.all(seqs.map((seq) => jsm.streams.getMessage(stream, { seq })))) {
        if (m === null) continue;
        const id = m.header.get(Hdr.MsgId);
        seen.set(id, (seen.get(id) ?? 0) + 1);
      }
    }
    return {
      logEvents: ids.length,
      streamMessages: total,
      missing: ids.filter((id) => !seen.has(id)).length,
      duplicated: [...seen.values()].filter((n) => n > 1).length,
    };
  } finally {
    await nc.close();
  }
};
