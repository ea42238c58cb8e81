import { sql, type RawBuilder } from 'kysely';
import type { Executor } from '@sf/db';
import type { ClioMirrorTables } from '../schema/clio-mirror.tables';
import type { DetailSpec } from './detail-spec';

/** A written parent row and the record it now holds. */
export interface WrittenParent {
  firmId: string;
  id: string;
  record: Readonly<Record<string, unknown>>;
}

const ids = (names: readonly string[]): RawBuilder<unknown> => sql.join(names.map((n) => sql.ref(n)));

/** Rows of the parents' current records: firm, parent id, the fixed columns, then the spec's columns. */
const rowsOf = (spec: DetailSpec, parents: readonly WrittenParent[]): Array<Record<string, unknown>> =>
  parents.flatMap((p) =>
    spec.rows(p.record).map((row) => ({ firm_id: p.firmId, [spec.parentColumn]: p.id, ...spec.fixed, ...row })),
  );

/** `(firm_id, <parent>) in (...)` and the fixed columns: the rows that belong to the given parents. */
const ofParents = (spec: DetailSpec, parents: readonly WrittenParent[]) => {
  const fixed = Object.entries(spec.fixed).map(([k, v]) => sql`and ${sql.ref(k)} = ${v}`);
  return sql`(firm_id, ${sql.ref(spec.parentColumn)}) in (
      select * from unnest(${parents.map((p) => p.firmId)}::text[], ${parents.map((p) => p.id)}::text[]))
    ${sql.join(fixed, sql` `)}`;
};

/**
 * Writes a detail table for parent rows the mirror just wrote (raw SQL: a bulk insert from jsonb_to_recordset into
 * a table and columns chosen at run time). `replace` deletes the parents' rows and inserts their current ones;
 * `accumulate` clears `is_latest` of the parents' rows and upserts the current ones by (firm, id). Column names
 * and types are constants of the specs.
 */
export const writeDetails = async <DB extends ClioMirrorTables>(
  db: Executor<DB>,
  spec: DetailSpec,
  parents: readonly WrittenParent[],
): Promise<void> => {
  if (parents.length === 0) return;
  const t = sql.table(spec.table);
  if (spec.mode === 'replace') await sql`delete from ${t} where ${ofParents(spec, parents)}`.execute(db);
  else await sql`update ${t} set is_latest = false where ${ofParents(spec, parents)} and is_latest`.execute(db);
  const rows = rowsOf(spec, parents);
  if (rows.length === 0) return;
  const cols: Array<readonly [string, string]> = [
    ['firm_id', 'text'],
    [spec.parentColumn, 'text'],
    ...Object.keys(spec.fixed).map((k) => [k, 'text'] as const),
    ...spec.columns,
  ];
  const names = cols.map(([n]) => n);
  const defs = sql.join(cols.map(([n, type]) => sql`${sql.ref(n)} ${sql.raw(type)}`));
  const conflict =
    spec.mode === 'accumulate'
      ? sql`on conflict (firm_id, id) do update set ${sql.join(
          names.filter((n) => n !== 'firm_id' && n !== 'id').map((n) => sql`${sql.ref(n)} = excluded.${sql.ref(n)}`),
        )}`
      : sql``;
  await sql`
    insert into ${t} (${ids(names)})
    select ${ids(names)} from jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) as r(${defs})
    ${conflict}`.execute(db);
};
