import type { Kysely } from 'kysely';
import type { FirmSchedule } from '@sf/sync-jobs';
import type { OrchestratorDb } from '../schema/orchestrator-schema';
import { firmScheduleOf } from './schedule.projection';

/** The `sync_schedules` rows of `firmIds`, by firm. */
export const loadSchedules = async (
  db: Kysely<OrchestratorDb>,
  firmIds: readonly string[],
): Promise<Map<string, FirmSchedule>> => {
  if (firmIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('sync_schedules')
    .selectAll()
    .where('firm_id', 'in', [...firmIds])
    .execute();
  return new Map(rows.map((r) => [r.firm_id, firmScheduleOf(r)]));
};
