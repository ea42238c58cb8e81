import type { ColumnType } from 'kysely';

/** timestamptz: pg returns a Date; writes accept a Date or an ISO string. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;

/** Which version of each projection's code built the rows now in its tables; a mismatch triggers a rebuild. */
export interface ReadModelVersionsTable {
  projection: string;
  version: number;
  /** Wall-clock time of the last reset (operational metadata, not part of any read model). */
  reset_at: Timestamp;
}

export interface ProjectionsTables {
  read_model_versions: ReadModelVersionsTable;
}
