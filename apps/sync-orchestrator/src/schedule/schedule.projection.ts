import { sql, type Selectable } from 'kysely';
import { EventTypes, isClioRegion, readEventOf, type EventType, type RecordedEvent } from '@sf/contracts';
import type { Executor } from '@sf/db';
import { LogPosition } from '@sf/event-store';
import type { Projection } from '@sf/projections';
import { evolveFirmSchedule, type FirmSchedule } from '@sf/sync-jobs';
import type { OrchestratorTables } from '../schema/orchestrator.tables';

const SCHEDULE_EVENT_TYPES: ReadonlySet<EventType> = new Set([
  EventTypes.SyncScheduleChanged,
  EventTypes.ClioConnected,
  EventTypes.ConnectionNeedsReauth,
  EventTypes.ConnectionRevoked,
]);

type ScheduleTables = Pick<OrchestratorTables, 'sync_schedules'>;

interface Row {
  schedule: FirmSchedule;
  position: LogPosition;
}

export const firmScheduleOf = (r: Selectable<ScheduleTables['sync_schedules']>): FirmSchedule => ({
  firmId: r.firm_id,
  settings: { intervalMinutes: r.interval_minutes, offPeakOnly: r.off_peak_only, paused: r.paused },
  connected: r.connected,
  region: r.region !== null && isClioRegion(r.region) ? r.region : null,
  connectionId: r.connection_id,
  startedAt: r.started_at.getTime(),
  changedAt: r.changed_at.getTime(),
});

const load = async (db: Executor<ScheduleTables>, firmIds: string[]): Promise<Map<string, Row>> => {
  const rows = await db.selectFrom('sync_schedules').selectAll().where('firm_id', 'in', firmIds).execute();
  return new Map(
    rows.map((r) => [
      r.firm_id,
      {
        schedule: firmScheduleOf(r),
        position: { txId: BigInt(r.last_tx_id), position: BigInt(r.last_global_position) },
      },
    ]),
  );
};

const upsert = async (db: Executor<ScheduleTables>, rows: readonly Row[]): Promise<void> => {
  if (rows.length === 0) return;
  await db
    .insertInto('sync_schedules')
    .values(
      rows.map(({ schedule: s, position }) => ({
        firm_id: s.firmId,
        interval_minutes: s.settings.intervalMinutes,
        off_peak_only: s.settings.offPeakOnly,
        paused: s.settings.paused,
        connected: s.connected,
        region: s.region,
        connection_id: s.connectionId,
        started_at: new Date(s.startedAt).toISOString(),
        changed_at: new Date(s.changedAt).toISOString(),
        last_tx_id: position.txId.toString(),
        last_global_position: position.position.toString(),
      })),
    )
    .onConflict((oc) =>
      oc
        .column('firm_id')
        .doUpdateSet((eb) => ({
          interval_minutes: eb.ref('excluded.interval_minutes'),
          off_peak_only: eb.ref('excluded.off_peak_only'),
          paused: eb.ref('excluded.paused'),
          connected: eb.ref('excluded.connected'),
          region: eb.ref('excluded.region'),
          connection_id: eb.ref('excluded.connection_id'),
          started_at: eb.ref('excluded.started_at'),
          changed_at: eb.ref('excluded.changed_at'),
          last_tx_id: eb.ref('excluded.last_tx_id'),
          last_global_position: eb.ref('excluded.last_global_position'),
        }))
        .where(
          sql<boolean>`(sync_schedules.last_tx_id, sync_schedules.last_global_position) < (excluded.last_tx_id, excluded.last_global_position)`,
        ),
    )
    .execute();
};

const scheduleEvents = (events: readonly RecordedEvent[]) =>
  events.flatMap((e) => {
    const read = readEventOf(e, SCHEDULE_EVENT_TYPES);
    return read?.ok ? [{ event: read.value, position: LogPosition.of(e) }] : [];
  });

/**
 * `sync_schedules`: each firm's schedule settings (its `sync-schedule-<firmId>` stream) and whether it is connected
 * (its connection stream), the scheduler's input. Event times only, so a rebuild equals the live table. The
 * scheduler's own due-time table (`sync_schedule_runs`) is not part of it: a rebuild keeps every run's due time.
 */
export const syncSchedulesProjection: Projection<ScheduleTables> = {
  name: 'sync_schedules',
  version: 1,
  tables: ['sync_schedules'],
  eventTypes: SCHEDULE_EVENT_TYPES,
  async apply(trx, events) {
    const inputs = scheduleEvents(events);
    if (inputs.length === 0) return;
    const rows = await load(trx, [...new Set(inputs.map((i) => i.event.metadata.firmId))]);
    const changed = new Map<string, Row>();
    for (const { event, position } of inputs) {
      const firmId = event.metadata.firmId;
      const before = rows.get(firmId) ?? null;
      if (before !== null && LogPosition.compare(position, before.position) <= 0) continue;
      const schedule = evolveFirmSchedule(before?.schedule ?? null, event);
      if (schedule === null || schedule === before?.schedule) continue;
      rows.set(firmId, { schedule, position });
      changed.set(firmId, { schedule, position });
    }
    await upsert(trx, [...changed.values()]);
  },
};
