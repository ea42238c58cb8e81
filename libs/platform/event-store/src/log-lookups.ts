import { sql } from 'kysely';
import type { Executor } from '@sf/db';
import type { EventStoreTables } from './schema/event-store.tables';
import { LogPosition } from './log-position';

/**
 * The position just before the first event recorded at or after `at`, so `readAllAfter` from it starts there (ops
 * tools: `sf events tail --from <time>`). `LogPosition.start` when every event is newer; the log's end when none is.
 */
export const positionBefore = async <DB extends EventStoreTables>(db: Executor<DB>, at: Date): Promise<LogPosition> => {
  // Raw SQL: xid8 has no form in Kysely's builder.
  const { rows } = await sql<{ tx: string; pos: string }>`
    select transaction_id::text as tx, global_position::text as pos from es_events
    where recorded_at < ${at}
    order by transaction_id desc, global_position desc limit 1`.execute(db);
  const r = rows[0];
  return r ? { txId: BigInt(r.tx), position: BigInt(r.pos) } : LogPosition.start;
};

/**
 * Stream ids holding an event whose stored trace context belongs to `traceId` (32 hex digits), most events first.
 * A scan of the metadata (no index): for an operator looking one trace up, not for a hot path.
 */
export const streamsOfTrace = async <DB extends EventStoreTables>(
  db: Executor<DB>,
  traceId: string,
): Promise<string[]> => {
  if (!/^[0-9a-f]{32}$/.test(traceId)) return [];
  const { rows } = await sql<{ stream_id: string }>`
    select stream_id from es_events
    where metadata->'trace'->>'traceparent' like ${`00-${traceId}-%`}
    group by stream_id order by count(*) desc limit 20`.execute(db);
  return rows.map((r) => r.stream_id);
};
