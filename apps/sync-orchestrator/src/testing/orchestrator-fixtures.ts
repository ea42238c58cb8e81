// Test-only helpers shared by the orchestrator's int and e2e specs (not used by the service).
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import {
  newEvent,
  StreamTypes,
  streamIds,
  type CurrentEventData,
  type EventType,
  type NewEvent,
  type RecordedEvent,
} from '@sf/contracts';
import type { Executor } from '@sf/db';
import { appendToStream, LogPosition, readStream } from '@sf/event-store';
import { projectionByName, type SyncReadModelTables } from '@sf/sync-read-models';
import { catchUp, type Projection } from '@sf/projections';
import type { SyncScope } from '@sf/sync-jobs';
import type { OrchestratorDb } from '../schema/orchestrator-schema';

export const projection = (name: 'sync_jobs' | 'firm_connections'): Projection<SyncReadModelTables> => {
  const p = projectionByName(name);
  if (!p) throw new Error(`projection ${name} is not registered`);
  return p;
};

/** Position of the last event committed so far (read directly: readAllAfter hides events behind open transactions). */
export const lastLogPosition = async (db: Kysely<OrchestratorDb>): Promise<LogPosition | undefined> => {
  const { rows } = await sql<{ tx: string; pos: string }>`
    select transaction_id::text as tx, global_position::text as pos from es_events
    order by transaction_id desc, global_position desc limit 1`.execute(db);
  const last = rows[0];
  return last === undefined ? undefined : LogPosition.of({ transactionId: last.tx, globalPosition: last.pos });
};

/**
 * Brings the orchestrator's read models up to the last event committed so far. Waits for that exact position: a
 * plain catch-up stops early while another test's open transaction (anywhere on the server) hides recent events.
 */
export const project = async (db: Kysely<OrchestratorDb>): Promise<void> => {
  const until = await lastLogPosition(db);
  for (const name of ['sync_jobs', 'firm_connections'] as const)
    await catchUp(db, projection(name), until ? { until } : {});
};

export const event = <K extends EventType>(
  firmId: string,
  type: K,
  data: CurrentEventData[K],
  at: Date = new Date(),
): NewEvent => {
  const built = newEvent({
    eventId: randomUUID(),
    type,
    data,
    metadata: { firmId, correlationId: randomUUID(), causationId: null, occurredAt: at.toISOString() },
  });
  if (!built.ok) throw new Error(`fixture ${type}: ${built.reason}`);
  return built.value;
};

/** What the auth service does when a firm connects: `ClioConnected` on the firm's connection stream. */
export const connectFirm = async (
  db: Executor<OrchestratorDb>,
  firmId: string,
  connectionId = `conn-${firmId}`,
): Promise<void> => {
  const e = event(firmId, 'ClioConnected', { connectionId, region: 'us', clioUserId: '1', connectedBy: 'user-1' });
  const r = await appendToStream(db, streamIds.connection(firmId), StreamTypes.connection, 'any', [e]);
  if (!r.ok) throw new Error(r.reason);
};

/** A worker's append to a job stream at the version it last saw. */
export const workerAppend = (
  db: Executor<OrchestratorDb>,
  jobId: string,
  expected: number | 'no_stream',
  events: NewEvent[],
) => appendToStream(db, streamIds.syncJob(jobId), StreamTypes.syncJob, expected, events);

/** What the fetcher appends when a job ends: the terminal event on the scope stream. */
export const finishJob = async (
  db: Executor<OrchestratorDb>,
  firmId: string,
  jobId: string,
  scope: SyncScope,
  at: Date,
): Promise<void> => {
  const r = await appendToStream(db, streamIds.syncScope(firmId, scope), StreamTypes.syncScope, 'stream_exists', [
    event(firmId, 'SyncJobCompleted', { jobId, scope, counts: { documents: 1 } }, at),
  ]);
  if (!r.ok) throw new Error(r.reason);
};

export const typesOf = async (db: Executor<OrchestratorDb>, streamId: string): Promise<string[]> =>
  (await readStream(db, streamId)).map((e: RecordedEvent) => e.type);
