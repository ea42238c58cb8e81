import { sql } from 'kysely';
import type { Executor } from '@sf/db';
import { mirrorEntries, type ClioEntityType, type ClioMirrorTables } from '@sf/clio-mirror';
import type { SimStore } from '@sf/clio-simulator';
import { expectedDetails, type DetailCheck } from './detail-truth';

// The simulator's ground truth against the mirror: live records (id and etag) per entity type, and every detail
// table's rows (of live parents) column by column. Expectations are computed from the simulator's stored records,
// not from what the fetcher received, so the whole chain is checked: fields asked, wire, events, projection.

export interface MirrorDiff {
  /** An entity type, a detail table, or `<entity type>.fields` (typed fields kept in `data`). */
  entityType: ClioEntityType | DetailCheck['name'];
  /** Live in Clio but missing from the mirror, or mirrored differently (first few). */
  missing: string[];
  /** Live in the mirror but not in Clio (first few). */
  extra: string[];
}

const NOTE_TYPE: Partial<Record<ClioEntityType, 'Matter' | 'Contact'>> = {
  matter_notes: 'Matter',
  contact_notes: 'Contact',
};

/** Live records of an entity type in Clio: id → etag. */
export const truthOf = (store: SimStore, e: ClioEntityType): Map<string, string> => {
  const noteType = NOTE_TYPE[e];
  if (noteType === undefined) {
    const records = store.groundTruth().records[e as Exclude<ClioEntityType, 'matter_notes' | 'contact_notes'>];
    return new Map(records.map((r) => [String(r.id), r.etag]));
  }
  const out = new Map<string, string>();
  for (const n of store.table('notes').ascending()) if (n.type === noteType) out.set(String(n.id), n.etag);
  return out;
};

const diffOf = (
  entityType: MirrorDiff['entityType'],
  want: readonly string[],
  have: readonly string[],
): MirrorDiff[] => {
  const w = new Set(want);
  const h = new Set(have);
  const missing = want.filter((x) => !h.has(x));
  const extra = have.filter((x) => !w.has(x));
  return missing.length > 0 || extra.length > 0 || want.length !== have.length
    ? [{ entityType, missing: missing.slice(0, 5), extra: extra.slice(0, 5) }]
    : [];
};

/** Records (id, etag) of each entity type. */
export const compareRecords = async <DB extends ClioMirrorTables>(
  db: Executor<DB>,
  store: SimStore,
  firmId: string,
  types: readonly ClioEntityType[],
): Promise<MirrorDiff[]> => {
  const diffs: MirrorDiff[] = [];
  for (const e of types) {
    const want = [...truthOf(store, e)].map(([id, etag]) => `${id} ${etag}`);
    const live = (await mirrorEntries(db, e, firmId)).filter((r) => !r.isSoftDeleted);
    diffs.push(
      ...diffOf(
        e,
        want,
        live.map((r) => `${r.id} ${r.etag}`),
      ),
    );
  }
  return diffs;
};

const NULL = '∅';
/** One line per row: the compared columns, tab-separated. */
const line = (values: readonly unknown[]): string =>
  values.map((v) => (v === null || v === undefined ? NULL : String(v))).join('\t');

/**
 * Detail tables (rows of live parents only) and the typed fields kept in `data`, against the simulator's records;
 * `checks` narrows or replaces them (one user's view of a table).
 */
export const compareDetails = async <DB extends ClioMirrorTables>(
  db: Executor<DB>,
  store: SimStore,
  firmId: string,
  checks: readonly DetailCheck[] = expectedDetails(store),
): Promise<MirrorDiff[]> => {
  const diffs: MirrorDiff[] = [];
  for (const check of checks) {
    // Test-only SQL built from the checks' constant column lists.
    const cols = check.columns.map((c) => `coalesce((${c})::text, '${NULL}')`).join(', ');
    const { rows } = await sql<{ l: string }>`
      select concat_ws(E'\\t', ${sql.raw(cols)}) as l from ${sql.table(check.table)} d
      where d.firm_id = ${firmId} and (${sql.raw(check.where)})`.execute(db);
    diffs.push(
      ...diffOf(
        check.name,
        check.rows.map(line),
        rows.map((r) => r.l),
      ),
    );
  }
  return diffs;
};
