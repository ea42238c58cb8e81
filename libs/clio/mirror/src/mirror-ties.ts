import { sql } from 'kysely';
import { tablesOf, type Executor } from '@sf/db';
import type { LogPosition } from '@sf/event-store';
import type { ClioMirrorTiesTables } from './schema/clio-mirror-ties.tables';

/** A webhook payload the mirror refused as an unordered same-second tie: only Clio can say which version is current. */
export interface MirrorTie {
  firmId: string;
  entityType: string;
  id: string;
  /** The refused observation's log position (a later refusal of the record replaces it). */
  at: LogPosition;
}

/**
 * The oldest `limit` ties waiting for a fetch. The mirror notes one when a payload shares its second with the row's
 * version under another etag and the applier did not know it when it appended the payload: a listing's copy not
 * yet projected then, or a version it no longer remembers. Reading changes nothing.
 */
export const refusedTies = async <DB extends ClioMirrorTiesTables>(
  db: Executor<DB>,
  limit: number,
): Promise<MirrorTie[]> =>
  (
    await tablesOf<ClioMirrorTiesTables, DB>(db)
      .selectFrom('clio_mirror_ties')
      .select(['firm_id', 'entity_type', 'record_id', 'tx', 'gp'])
      .orderBy('tx')
      .orderBy('gp')
      .limit(limit)
      .execute()
  ).map((r) => ({
    firmId: r.firm_id,
    entityType: r.entity_type,
    id: r.record_id,
    at: { txId: BigInt(r.tx), position: BigInt(r.gp) },
  }));

const keysOf = (ties: readonly MirrorTie[]): string =>
  JSON.stringify(
    ties.map((t) => ({
      firm_id: t.firmId,
      entity_type: t.entityType,
      record_id: t.id,
      tx: t.at.txId.toString(),
      gp: t.at.position.toString(),
    })),
  );

// Raw SQL below: statements matching a list of composite keys from jsonb; the builder has no form for them.

/**
 * Locks `ties` for the caller's transaction; false when one is gone or was refused again since it was read (another
 * replica fetched it, or a later payload was refused: the next pass reads that one). Nothing is written.
 */
export const holdTies = async <DB extends ClioMirrorTiesTables>(
  trx: Executor<DB>,
  ties: readonly MirrorTie[],
): Promise<boolean> => {
  if (ties.length === 0) return true;
  const { rows } = await sql<{ record_id: string }>`
    select q.record_id from clio_mirror_ties q join jsonb_to_recordset(${keysOf(ties)}::jsonb)
      as k(firm_id text, entity_type text, record_id text, tx bigint, gp bigint)
      on q.firm_id = k.firm_id and q.entity_type = k.entity_type and q.record_id = k.record_id
        and q.tx = k.tx and q.gp = k.gp
    for update of q`.execute(trx);
  return rows.length === ties.length;
};

/** Forgets `ties` (held by `holdTies`) in the transaction that appends their fetch. One statement. */
export const clearTies = async <DB extends ClioMirrorTiesTables>(
  trx: Executor<DB>,
  ties: readonly MirrorTie[],
): Promise<void> => {
  if (ties.length === 0) return;
  await sql`
    delete from clio_mirror_ties q using jsonb_to_recordset(${keysOf(ties)}::jsonb)
      as k(firm_id text, entity_type text, record_id text, tx bigint, gp bigint)
    where q.firm_id = k.firm_id and q.entity_type = k.entity_type and q.record_id = k.record_id
      and q.tx = k.tx and q.gp = k.gp`.execute(trx);
};
