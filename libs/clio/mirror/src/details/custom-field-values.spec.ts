import { customFieldValueRow, customFieldValues } from './custom-field-values';

const v = (field_type: string, value: unknown, over: Record<string, unknown> = {}) => ({
  id: `${field_type}-1`,
  etag: '"e"',
  field_type,
  field_name: 'F',
  value,
  custom_field: { id: 7, etag: '"c"' },
  soft_deleted: false,
  created_at: '2026-01-01T00:00:00+00:00',
  updated_at: '2026-01-02T00:00:00+00:00',
  ...over,
});

const typedOf = (row: Record<string, unknown> | null) =>
  Object.fromEntries(
    Object.entries(row ?? {}).filter(
      ([k, x]) => x !== null && (k.startsWith('value_') || k.endsWith('_id')) && k !== 'custom_field_id',
    ),
  );

describe('custom field values', () => {
  it.each([
    ['text_line', 'CV-2020-1', { value_raw: 'CV-2020-1', value_text: 'CV-2020-1' }],
    ['text_area', 'a\nb', { value_raw: 'a\nb', value_text: 'a\nb' }],
    ['email', 'a@b.test', { value_raw: 'a@b.test', value_text: 'a@b.test' }],
    ['url', 'https://x.test', { value_raw: 'https://x.test', value_text: 'https://x.test' }],
    ['numeric', '42', { value_raw: '42', value_number: '42' }],
    ['currency', '1234.50', { value_raw: '1234.50', value_number: '1234.50' }],
    ['currency', 12.5, { value_raw: '12.5', value_number: '12.5' }],
    ['date', '2024-02-29', { value_raw: '2024-02-29', value_date: '2024-02-29' }],
    ['time', '09:30:00', { value_raw: '09:30:00', value_time: '09:30:00' }],
    ['checkbox', 'true', { value_raw: 'true', value_boolean: true }],
    ['checkbox', false, { value_raw: 'false', value_boolean: false }],
    ['contact', '12', { value_raw: '12', contact_id: '12' }],
    ['matter', '3', { value_raw: '3', matter_id: '3' }],
  ])('types a %s value into its column', (type, value, typed) => {
    expect(typedOf(customFieldValueRow(v(type, value)))).toEqual(typed);
  });

  it('takes references from the nested objects Clio sends with them', () => {
    expect(typedOf(customFieldValueRow(v('picklist', '55', { picklist_option: { id: 55, option: 'Gold' } })))).toEqual({
      value_raw: '55',
      picklist_option_id: '55',
    });
    expect(typedOf(customFieldValueRow(v('contact', null, { contact: { id: 9, redacted: true } })))).toEqual({
      contact_id: '9',
    });
  });

  it('keeps a value that does not read as its type as raw text only, never as a guess', () => {
    expect(typedOf(customFieldValueRow(v('numeric', 'about 12')))).toEqual({ value_raw: 'about 12' });
    expect(typedOf(customFieldValueRow(v('date', '2024-02-30')))).toEqual({ value_raw: '2024-02-30' });
    expect(typedOf(customFieldValueRow(v('time', '25:00')))).toEqual({ value_raw: '25:00' });
    expect(typedOf(customFieldValueRow(v('checkbox', 'maybe')))).toEqual({ value_raw: 'maybe' });
    expect(typedOf(customFieldValueRow(v('hologram', 'x')))).toEqual({ value_raw: 'x' });
  });

  it('keeps a displayed field without a value (null id) and skips one without its custom field', () => {
    expect(customFieldValueRow(v('text_line', null, { id: null }))).toMatchObject({ id: null, value_raw: null });
    expect(customFieldValueRow(v('text_line', 'x', { custom_field: null }))).toBeNull();
  });

  it('gives one row per custom field of a record, the last one winning', () => {
    const rows = customFieldValues('Matter').rows({
      custom_field_values: [
        v('text_line', 'a'),
        v('text_line', 'b'),
        'junk',
        v('numeric', '1', { custom_field: { id: 8 } }),
      ],
    });
    expect(rows.map((r) => [r['custom_field_id'], r['value_raw']])).toEqual([
      ['7', 'b'],
      ['8', '1'],
    ]);
    expect(customFieldValues('Contact').rows({ id: 1 })).toEqual([]);
  });
});
