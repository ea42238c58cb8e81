// Test-only helpers of the scheduler's int and e2e specs (not used by the service).
import type { Kysely } from 'kysely';
import { readLoggedEvent, streamIds, StreamTypes } from '@sf/contracts';
import { appendToStream, readStream } from '@sf/event-store';
import { catchUp } from '@sf/projections';
import { SyncScope } from '@sf/sync-jobs';
import type { OrchestratorDb } from '../schema/orchestrator-schema';
import { syncSchedulesProjection } from '../schedule/schedule.projection';
import { createSyncService, syncDeps } from '../sync/sync-service';
import { createScheduler, type SchedulerOptions } from '../schedule/scheduler';
import { event, lastLogPosition, projection } from './orchestrator-fixtures';

/** Brings firm_connections, sync_jobs and sync_schedules up to the last event committed so far. */
export const projectSchedules = async (db: Kysely<OrchestratorDb>): Promise<void> => {
  const until = await lastLogPosition(db);
  const opts = until ? { until } : {};
  await catchUp(db, projection('firm_connections'), opts);
  await catchUp(db, projection('sync_jobs'), opts);
  await catchUp(db, syncSchedulesProjection, opts);
};

/** The firm's connect time as the schedule read model holds it (the event time of `ClioConnected`), epoch ms. */
export const startedAt = async (db: Kysely<OrchestratorDb>, firmId: string): Promise<number> => {
  const r = await db.selectFrom('sync_schedules').select('started_at').where('firm_id', '=', firmId).executeTakeFirst();
  if (!r) throw new Error(`no schedule for ${firmId}`);
  return r.started_at.getTime();
};

/** `SyncRequested` events of the firm scope, as [trigger, jobId]. */
export const firmRequests = async (db: Kysely<OrchestratorDb>, firmId: string): Promise<Array<[string, string]>> =>
  (await readStream(db, streamIds.syncScope(firmId, SyncScope.firm())))
    .map(readLoggedEvent)
    .flatMap((e) => (e.type === 'SyncRequested' ? [[e.data.trigger, e.data.jobId] as [string, string]] : []));

/** Revokes the firm's connection (what the auth service appends on disconnect). */
export const revokeFirm = async (db: Kysely<OrchestratorDb>, firmId: string, connectionId = `conn-${firmId}`) => {
  const e = event(firmId, 'ConnectionRevoked', { connectionId, revokedBy: 'user' });
  const r = await appendToStream(db, streamIds.connection(firmId), StreamTypes.connection, 'any', [e]);
  if (!r.ok) throw new Error(r.reason);
};

/** A scheduler over the real sync service, with a settable clock. */
export const testScheduler = (
  db: Kysely<OrchestratorDb>,
  clock: { now: number },
  over: Partial<SchedulerOptions> = {},
) =>
  createScheduler({
    db,
    service: createSyncService(syncDeps(db)),
    now: () => new Date(clock.now),
    ...over,
  });
