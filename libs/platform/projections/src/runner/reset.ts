import { sql, type Kysely, type Transaction } from 'kysely';
import { tablesOf } from '@sf/db';
import { checkpointName, type Projection, type ProjectionRunnerTables } from '../projection';
import { lockProjection } from './projection-lock';

/**
 * Empties a projection's tables and forgets its checkpoint, so the next batch replays the log from position 0,
 * and records the code version the rows will be built by. Holds the projection lock: no batch interleaves.
 */
export const resetProjection = async <T, DB extends ProjectionRunnerTables & T>(
  db: Transaction<DB>,
  projection: Projection<T>,
): Promise<void> => {
  const trx = tablesOf<ProjectionRunnerTables, DB>(db);
  await lockProjection(trx, projection.name);
  if (projection.reset) await projection.reset(tablesOf<T, DB>(db));
  else for (const table of projection.tables) await sql`truncate table ${sql.table(table)}`.execute(trx);
  // storeCheckpoint never moves backwards; removing the row is what "reset to 0" means (loadCheckpoint -> start).
  await trx.deleteFrom('es_checkpoints').where('name', '=', checkpointName(projection)).execute();
  await trx
    .insertInto('read_model_versions')
    .values({ projection: projection.name, version: projection.version, reset_at: sql<Date>`now()` })
    .onConflict((oc) =>
      oc.column('projection').doUpdateSet((eb) => ({
        version: eb.ref('excluded.version'),
        reset_at: eb.ref('excluded.reset_at'),
      })),
    )
    .execute();
};

/**
 * Resets the projection when its tables were built by another version of its code (or never recorded one).
 * Returns true when it reset. Safe when several replicas start at once: the lock serialises them.
 */
export const ensureProjectionVersion = <T, DB extends ProjectionRunnerTables & T>(
  db: Kysely<DB>,
  projection: Projection<T>,
): Promise<boolean> =>
  db.transaction().execute(async (trx) => {
    await lockProjection(trx, projection.name);
    const row = await tablesOf<ProjectionRunnerTables, DB>(trx)
      .selectFrom('read_model_versions')
      .select('version')
      .where('projection', '=', projection.name)
      .executeTakeFirst();
    if (row?.version === projection.version) return false;
    await resetProjection(trx, projection);
    return true;
  });
