import type { DetailSpec } from './detail-spec';
import {
  booleanOf,
  clioIdOf,
  dateOf,
  decimalOf,
  distinctBy,
  instantOf,
  objectsOf,
  rawTextOf,
  refIdOf,
  textOf,
  timeOf,
  type Json,
} from './detail-values';

const TEXT_TYPES: ReadonlySet<string> = new Set(['text_line', 'text_area', 'email', 'url']);
const NUMBER_TYPES: ReadonlySet<string> = new Set(['numeric', 'currency']);

/** The id a reference-typed value names: its nested object's id, else the value itself (Clio sends the id). */
const refOrValue = (nested: unknown, value: unknown): string | null => refIdOf(nested) ?? clioIdOf(value);

/**
 * One typed row per (record, custom field). Clio sends every value as a string whatever the field type; the row
 * keeps that raw text and the value in the column of its type (text, number, date, time, boolean, or the id of the
 * picklist option, contact or matter it names). A value that does not read as its type leaves that column null.
 */
export const customFieldValueRow = (v: Json): Record<string, unknown> | null => {
  const customFieldId = refIdOf(v['custom_field']);
  if (customFieldId === null) return null;
  const type = textOf(v['field_type']) ?? '';
  const value = v['value'];
  const raw = rawTextOf(value);
  return {
    custom_field_id: customFieldId,
    id: clioIdOf(v['id']),
    etag: textOf(v['etag']),
    field_type: type === '' ? null : type,
    field_name: textOf(v['field_name']),
    value_raw: raw,
    value_text: TEXT_TYPES.has(type) ? raw : null,
    value_number: NUMBER_TYPES.has(type) ? decimalOf(value) : null,
    value_date: type === 'date' ? dateOf(value) : null,
    value_time: type === 'time' ? timeOf(value) : null,
    value_boolean: type === 'checkbox' ? booleanOf(value) : null,
    picklist_option_id: type === 'picklist' ? refOrValue(v['picklist_option'], value) : null,
    contact_id: type === 'contact' ? refOrValue(v['contact'], value) : null,
    matter_id: type === 'matter' ? refOrValue(v['matter'], value) : null,
    soft_deleted: v['soft_deleted'] === true,
    created_at: instantOf(v['created_at']),
    updated_at: instantOf(v['updated_at']),
  };
};

const COLUMNS = [
  ['custom_field_id', 'text'],
  ['id', 'text'],
  ['etag', 'text'],
  ['field_type', 'text'],
  ['field_name', 'text'],
  ['value_raw', 'text'],
  ['value_text', 'text'],
  ['value_number', 'numeric'],
  ['value_date', 'date'],
  ['value_time', 'time'],
  ['value_boolean', 'boolean'],
  ['picklist_option_id', 'text'],
  ['contact_id', 'text'],
  ['matter_id', 'text'],
  ['soft_deleted', 'boolean'],
  ['created_at', 'timestamptz'],
  ['updated_at', 'timestamptz'],
] as const;

/** The custom field values nested in matters (`parent_type` Matter) or contacts (Contact). */
export const customFieldValues = (parentType: 'Matter' | 'Contact'): DetailSpec => ({
  table: 'clio_custom_field_values',
  parentColumn: 'parent_id',
  fixed: { parent_type: parentType },
  columns: COLUMNS,
  mode: 'replace',
  rows: (r) =>
    distinctBy(
      objectsOf(r['custom_field_values'])
        .map(customFieldValueRow)
        .filter((x): x is Record<string, unknown> => x !== null),
      (x) => String(x['custom_field_id']),
    ),
});
