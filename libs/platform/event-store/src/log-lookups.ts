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

/** The job a request opened, by the trace id it carried (32 hex digits). */
export interface JobOfTrace {
  kind: 'sync' | 'processing';
  jobId: string;
}

/**
 * The job whose opening event (`SyncRequested`, `ProcessingJobRequested`) carried `traceId`: every later span of the
 * job (fetcher, relay, projections) continues that trace. One lookup in a partial index of one row per job
 * (migration `2026-12-04T01-job-trace-index`), whatever the size of the log; the newest when a trace opened several.
 */
export const jobOfTrace = async <DB extends EventStoreTables>(
  db: Executor<DB>,
  traceId: string,
): Promise<JobOfTrace | null> => {
  if (!/^[0-9a-f]{32}$/.test(traceId)) return null;
  // Raw SQL: the expression and predicate must match the index's exactly.
  const { rows } = await sql<{ event_type: string; job_id: string | null }>`
    select event_type, data->>'jobId' as job_id from es_events
    where event_type in ('SyncRequested', 'ProcessingJobRequested')
      and substr(metadata->'trace'->>'traceparent', 4, 32) = ${traceId}
    order by global_position desc limit 1`.execute(db);
  const r = rows[0];
  if (!r?.job_id) return null;
  return { kind: r.event_type === 'SyncRequested' ? 'sync' : 'processing', jobId: r.job_id };
};
