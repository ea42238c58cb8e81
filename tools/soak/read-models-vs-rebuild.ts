import { sql, type Kysely } from 'kysely';
import { rebuildProjection, type Projection } from '@sf/projections';
import type { ReadModelDb } from '../projection-registry';
import type { PlatformDb } from '../migration-sets';

const snapshot = async (db: Kysely<PlatformDb>, p: Projection<ReadModelDb>): Promise<string[]> => {
  const out: string[] = [];
  for (const table of p.tables) {
    const { rows } = await sql<{ r: string }>`select t::text as r from ${sql.table(table)} t order by 1`.execute(db);
    out.push(`${table}:${rows.length}`, ...rows.map((x) => x.r));
  }
  return out;
};

/**
 * Rebuilds every projection from position 0 and compares its tables, row by row, with what the live runner had
 * written. Run with every projection runner stopped. Returns the names of the projections that differ.
 */
export const readModelsDifferingFromRebuild = async (
  db: Kysely<PlatformDb>,
  projections: readonly Projection<ReadModelDb>[],
): Promise<string[]> => {
  const differ: string[] = [];
  for (const p of projections) {
    const live = await snapshot(db, p);
    await rebuildProjection(db, p, { batchSize: 1_000 });
    const rebuilt = await snapshot(db, p);
    if (live.length !== rebuilt.length || live.some((row, i) => row !== rebuilt[i])) differ.push(p.name);
  }
  return differ;
};
