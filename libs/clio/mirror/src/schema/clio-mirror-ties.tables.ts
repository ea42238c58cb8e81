import type { ColumnType } from 'kysely';

type Int8 = ColumnType<string, string | bigint, string | bigint>;

/** A webhook payload the mirror refused as an unordered same-second tie, waiting for the applier's fetch. */
export interface ClioMirrorTieTable {
  firm_id: string;
  entity_type: string;
  record_id: string;
  /** Log position of the last refused observation of the record. */
  tx: Int8;
  gp: Int8;
  /** The second the refused payload shared with the row (null for ties noted before it was kept). */
  updated_at: ColumnType<Date | null, string | null | undefined, string | null>;
}

export interface ClioMirrorTiesTables {
  clio_mirror_ties: ClioMirrorTieTable;
}
