import { sql } from 'kysely';
import { tablesOf, type Executor } from '@sf/db';
import type { EventStoreTables } from './schema/event-store.tables';
import { LogPosition } from './log-position';

/** The last position a log reader has fully handled; `LogPosition.start` when it has none yet. */
export const loadCheckpoint = async <DB extends EventStoreTables>(
  db: Executor<DB>,
  name: string,
): Promise<LogPosition> => {
  const row = await tablesOf<EventStoreTables, DB>(db)
    .selectFrom('es_checkpoints')
    .select('position')
    .where('name', '=', name)
    .executeTakeFirst();
  return row ? LogPosition.parse(row.position) : LogPosition.start;
};

/**
 * Records `position` for `name`, unless the stored one is already at or past it: a checkpoint never moves
 * backwards, even when a slow, stale writer stores late. Pass the transaction that holds the reader's effects so
 * both commit together. The C-collated column compares the fixed-width format in log order.
 */
export const storeCheckpoint = async <DB extends EventStoreTables>(
  db: Executor<DB>,
  name: string,
  position: LogPosition,
): Promise<void> => {
  await tablesOf<EventStoreTables, DB>(db)
    .insertInto('es_checkpoints')
    .values({ name, position: LogPosition.format(position) })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ position: (eb) => eb.ref('excluded.position'), updated_at: sql<Date>`now()` })
        .where('es_checkpoints.position', '<', (eb) => eb.ref('excluded.position')),
    )
    .execute();
};
