/** Postgres types a detail column may have (constants of the code, never input). */
export type DetailColumnType = 'text' | 'numeric' | 'date' | 'time' | 'boolean' | 'timestamptz' | 'integer' | 'bigint';

export const DETAIL_TABLES = [
  'clio_matter_fields',
  'clio_contact_fields',
  'clio_custom_field_values',
  'clio_contact_email_addresses',
  'clio_contact_phone_numbers',
  'clio_contact_addresses',
  'clio_contact_web_sites',
  'clio_calendar_entry_attendees',
  'clio_document_versions',
  'clio_activity_amounts',
] as const;
export type DetailTable = (typeof DETAIL_TABLES)[number];

/**
 * A typed table derived from data nested in the records of one entity type (contacts' email addresses, a
 * document's latest version, ...). Its rows are a pure function of the parent rows the mirror holds, written in
 * the same transaction whenever a parent row is written, so they are rebuilt from the log with them.
 */
export interface DetailSpec {
  table: DetailTable;
  /** Column holding the parent record's id. */
  parentColumn: string;
  /** Constant columns that, with the parent id, select a parent's rows (custom field values of matters or contacts). */
  fixed: Readonly<Record<string, string>>;
  /** Every other column, in the order of the row objects' keys. */
  columns: readonly (readonly [string, DetailColumnType])[];
  /**
   * `replace`: a parent's rows are exactly those of its latest observation. `accumulate`: rows are kept (keyed by
   * firm and `id`) and the parent's current one is marked `is_latest` (document versions: each observed latest
   * version stays, with the document's current one marked).
   */
  mode: 'replace' | 'accumulate';
  rows(record: Readonly<Record<string, unknown>>): Array<Record<string, unknown>>;
}
