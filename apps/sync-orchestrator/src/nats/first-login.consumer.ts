import type { Kysely } from 'kysely';
import { EventTypes, SyncTriggers } from '@sf/contracts';
import { LogPosition } from '@sf/event-store';
import { Disposition, type MessageHandler } from '@sf/messaging';
import { tryCatchUp, type Projection } from '@sf/projections';
import type { SyncReadModelTables } from '@sf/sync-read-models';
import { initialSyncDeferral, SyncScope } from '@sf/sync-jobs';
import { readScheduleSettings } from '../schedule/schedule-service';
import { idsCausedBy } from '../sync/derived-ids';
import type { SyncService } from '../sync/sync-service';
import type { OrchestratorDb } from '../schema/orchestrator-schema';

export interface FirstLoginDeps {
  db: Kysely<OrchestratorDb>;
  service: Pick<SyncService, 'request'>;
  /** The firm_connections projection: the policy reads the connection from it. */
  connections: Projection<SyncReadModelTables>;
  /** Delay before the message comes back when that projection has not reached the event yet, ms. Default 1 000. */
  behindRetryMs?: number;
  /** Decision clock (for the off-peak deferral). Default wall clock. */
  now?: () => Date;
}

/**
 * `ClioConnected` → a firm-wide sync with trigger `first_login` (the policy skips it as `already_synced` when the
 * firm synced before, e.g. on a reconnect). The connection read model is brought up to this event first, so the
 * policy sees the connection as active; when it cannot get there now, the message comes back later (the handler
 * never waits: the consumer's transaction is open, and an open transaction holds back every reader of the log).
 * Ids derive from the event id: a redelivery cannot open a second job. A firm whose schedule says "off-peak only"
 * (set before it connects: a large firm) gets no sync now outside its region's off-peak hours; the scheduler's first
 * run of its schedule is due at the connect and waits for the window (`decideDueRun`).
 * The request commits in its own transaction; the consumer's inbox row commits after it, and a crash in between
 * only redelivers the event, which then changes nothing.
 */
export const firstLoginHandler =
  (deps: FirstLoginDeps): MessageHandler<OrchestratorDb> =>
  async (event) => {
    if (event.type !== EventTypes.ClioConnected) return Disposition.dead('not a ClioConnected');
    const data = event.data;
    if (!(await tryCatchUp(deps.db, deps.connections, LogPosition.of(event))))
      return Disposition.retry('firm_connections has not reached the event', deps.behindRetryMs ?? 1_000);
    const { settings } = await readScheduleSettings(deps.db, event.metadata.firmId);
    const now = (deps.now ?? (() => new Date()))().getTime();
    if (initialSyncDeferral(settings, data.region, now) !== null) return Disposition.ack;
    await deps.service.request({
      firmId: event.metadata.firmId,
      scope: SyncScope.firm(),
      trigger: SyncTriggers.firstLogin,
      requestedBy: data.connectedBy,
      correlationId: event.metadata.correlationId,
      causationId: event.eventId,
      ids: idsCausedBy(event.eventId),
    });
    return Disposition.ack;
  };
