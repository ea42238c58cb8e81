import { sql, type Selectable } from 'kysely';
import { EventTypes, type EventType } from '@sf/contracts';
import type { Executor } from '@sf/db';
import { LogPosition } from '@sf/event-store';
import { evolveFirmConnection, type FirmConnection } from '@sf/sync-jobs';
import type { Projection } from '@sf/projections';
import { logEventsOf, positionColumns, positionOf } from './log-events';
import type { SyncJobsTables } from '../schema/sync-jobs.tables';

const CONNECTION_EVENT_TYPES: ReadonlySet<EventType> = new Set([
  EventTypes.ClioConnected,
  EventTypes.ConnectionNeedsReauth,
  EventTypes.ConnectionRevoked,
]);

interface Row {
  connection: FirmConnection;
  position: LogPosition;
}

const fromDb = (r: Selectable<SyncJobsTables['firm_connections']>): Row => ({
  connection: {
    firmId: r.firm_id,
    connectionId: r.connection_id,
    status: r.status as FirmConnection['status'],
    region: r.region as FirmConnection['region'],
    changedAt: r.changed_at.getTime(),
  },
  position: positionOf(r),
});

const load = async (db: Executor<SyncJobsTables>, firmIds: string[]): Promise<Map<string, Row>> => {
  const rows =
    firmIds.length === 0
      ? []
      : await db.selectFrom('firm_connections').selectAll().where('firm_id', 'in', firmIds).execute();
  return new Map(rows.map((r) => [r.firm_id, fromDb(r)]));
};

const upsert = async (db: Executor<SyncJobsTables>, rows: readonly Row[]): Promise<void> => {
  if (rows.length === 0) return;
  await db
    .insertInto('firm_connections')
    .values(
      rows.map(({ connection: c, position }) => ({
        firm_id: c.firmId,
        connection_id: c.connectionId,
        status: c.status,
        region: c.region,
        changed_at: new Date(c.changedAt).toISOString(),
        ...positionColumns(position),
      })),
    )
    .onConflict((oc) =>
      oc
        .column('firm_id')
        .doUpdateSet((eb) => ({
          connection_id: eb.ref('excluded.connection_id'),
          status: eb.ref('excluded.status'),
          region: eb.ref('excluded.region'),
          changed_at: eb.ref('excluded.changed_at'),
          last_tx_id: eb.ref('excluded.last_tx_id'),
          last_global_position: eb.ref('excluded.last_global_position'),
        }))
        .where(
          sql<boolean>`(firm_connections.last_tx_id, firm_connections.last_global_position) < (excluded.last_tx_id, excluded.last_global_position)`,
        ),
    )
    .execute();
};

/** `firm_connections`: each firm's Clio connection and whether it is usable, from the connection streams. */
export const firmConnectionsProjection: Projection<SyncJobsTables> = {
  name: 'firm_connections',
  version: 1,
  tables: ['firm_connections'],
  eventTypes: CONNECTION_EVENT_TYPES,
  async apply(trx, events) {
    const inputs = logEventsOf(events, CONNECTION_EVENT_TYPES);
    if (inputs.length === 0) return;
    const rows = await load(trx, [...new Set(inputs.map((i) => i.event.metadata.firmId))]);
    const changed = new Map<string, Row>();
    for (const { event, position } of inputs) {
      const firmId = event.metadata.firmId;
      const before = rows.get(firmId) ?? null;
      if (before !== null && LogPosition.compare(position, before.position) <= 0) continue;
      const connection = evolveFirmConnection(before?.connection ?? null, event);
      if (connection === null || connection === before?.connection) continue;
      rows.set(firmId, { connection, position });
      changed.set(firmId, { connection, position });
    }
    await upsert(trx, [...changed.values()]);
  },
};
