import { sql, type Kysely } from 'kysely';

/**
 * Finds a job by the trace id of the request that opened it (`sf job story <traceId>`) without scanning the log.
 * Partial: only the events that open a job are indexed (one per job), so appends of pages and progress pay nothing.
 * Frozen in time: raw SQL against an untyped handle. The expression and the predicate must stay exactly those of
 * `jobOfTrace` (log-lookups.ts), or the planner cannot use the index.
 */
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await sql`
    create index if not exists es_events_job_request_trace
    on es_events ((substr(metadata->'trace'->>'traceparent', 4, 32)))
    where event_type in ('SyncRequested', 'ProcessingJobRequested')`.execute(db);
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await sql`drop index if exists es_events_job_request_trace`.execute(db);
};
