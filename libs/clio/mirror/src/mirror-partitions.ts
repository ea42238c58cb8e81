import { sql, type Transaction } from 'kysely';
import { partitionOf, partitionProjection, type Projection } from '@sf/projections';
import { clioMirrorProjection } from './mirror.projection';
import type { ClioMirrorTables } from './schema/clio-mirror.tables';

/** Env var naming the number of mirror partitions; every process that runs or catches up the mirror reads it. */
export const MIRROR_PARTITIONS_ENV = 'SF_MIRROR_PARTITIONS';

/** `SF_MIRROR_PARTITIONS` (default 1, at most 64): the same number in every process. */
export const mirrorPartitionsFromEnv = (env: NodeJS.ProcessEnv = process.env): number => {
  const raw = env[MIRROR_PARTITIONS_ENV];
  if (raw === undefined || raw === '') return 1;
  const n = Number(raw);
  if (!(Number.isInteger(n) && n >= 1 && n <= 64))
    throw new Error(`${MIRROR_PARTITIONS_ENV} must be an integer in 1..64`);
  return n;
};

/** Every mirror table has `firm_id`: a partition's reset deletes the rows of its firms, table by table. */
const deleteFirms = async (trx: Transaction<ClioMirrorTables>, mine: (firmId: string) => boolean): Promise<void> => {
  for (const table of clioMirrorProjection.tables) {
    const { rows } = await sql<{ firm_id: string }>`select distinct firm_id from ${sql.table(table)}`.execute(trx);
    const firms = rows.map((r) => r.firm_id).filter(mine);
    if (firms.length > 0) await sql`delete from ${sql.table(table)} where firm_id = any(${firms})`.execute(trx);
  }
};

/**
 * The mirror as `count` partitions by firm (`clio-mirror#i/count`; count 1 is the mirror projection itself): a
 * firm's events, pages and sweeps, are applied by one partition in log order, and every mirror row is keyed by firm.
 */
export const clioMirrorPartitions = (count: number): Projection<ClioMirrorTables>[] =>
  partitionProjection(clioMirrorProjection, {
    count,
    keyOf: (e) => e.metadata.firmId,
    deleteRows: deleteFirms,
  });

/** The partition that holds a firm's mirror rows (what a job of that firm catches up before its deletion checks). */
export const clioMirrorPartitionOf = (firmId: string, count: number): Projection<ClioMirrorTables> =>
  clioMirrorPartitions(count)[partitionOf(firmId, count)]!;
