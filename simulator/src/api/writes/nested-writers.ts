import type { AddressRecord, CustomFieldValueRecord, EmailRecord, PhoneRecord } from '../../store/records';
import { Resource } from '../../store/resources';
import type { SimStore } from '../../store/store';
import { unprocessable } from '../api-error';
import type { FieldWriter } from './field-writers';

type Item = { id: number; created_at: number; updated_at: number };

/**
 * Clio's nested collection semantics: an entry with `id` updates that item, `{id, _destroy: true}` removes it, an
 * entry without `id` adds one. Items not mentioned stay.
 */
export const nestedList =
  <T extends Item>(
    name: string,
    build: (
      entry: Record<string, unknown>,
      prev: T | undefined,
      store: SimStore,
    ) => Omit<T, 'id' | 'created_at' | 'updated_at'>,
    parseId: (raw: unknown, list: readonly T[], store: SimStore) => T | undefined = (raw, list) =>
      list.find((x) => x.id === raw),
  ): FieldWriter =>
  (value, store, current) => {
    if (!Array.isArray(value)) throw unprocessable(`${name} must be an array`);
    const now = Math.floor(store.clock.now() / 1000) * 1000;
    let list = [...(((current?.[name] as readonly T[] | undefined) ?? []) as T[])];
    for (const raw of value) {
      if (typeof raw !== 'object' || raw === null) throw unprocessable(`${name} entries must be objects`);
      const entry = raw as Record<string, unknown>;
      if (entry.id !== undefined && entry.id !== null) {
        const prev = parseId(entry.id, list, store);
        if (!prev) throw unprocessable(`${name}: no item with id ${String(entry.id)}`);
        list =
          entry._destroy === true
            ? list.filter((x) => x !== prev)
            : list.map((x) => (x === prev ? ({ ...prev, ...build(entry, prev, store), updated_at: now } as T) : x));
      } else {
        list.push({ ...build(entry, undefined, store), id: store.subId(), created_at: now, updated_at: now } as T);
      }
    }
    return { [name]: list };
  };

const text = (entry: Record<string, unknown>, key: string, prev: string | undefined, name: string): string => {
  const v = entry[key] ?? prev;
  if (typeof v !== 'string') throw unprocessable(`${name}.${key} must be a string`);
  return v;
};

export const emailAddresses = nestedList<EmailRecord>('email_addresses', (e, prev) => ({
  name: text(e, 'name', prev?.name ?? 'Work', 'email_addresses') as EmailRecord['name'],
  address: text(e, 'address', prev?.address, 'email_addresses'),
  primary: typeof e.primary === 'boolean' ? e.primary : (prev?.primary ?? false),
}));

export const phoneNumbers = nestedList<PhoneRecord>('phone_numbers', (e, prev) => ({
  name: text(e, 'name', prev?.name ?? 'Work', 'phone_numbers') as PhoneRecord['name'],
  number: text(e, 'number', prev?.number, 'phone_numbers'),
  primary: typeof e.primary === 'boolean' ? e.primary : (prev?.primary ?? false),
}));

export const addresses = nestedList<AddressRecord>('addresses', (e, prev) => ({
  name: text(e, 'name', prev?.name ?? 'Work', 'addresses') as AddressRecord['name'],
  street: text(e, 'street', prev?.street ?? '', 'addresses'),
  city: text(e, 'city', prev?.city ?? '', 'addresses'),
  province: text(e, 'province', prev?.province ?? '', 'addresses'),
  postal_code: text(e, 'postal_code', prev?.postal_code ?? '', 'addresses'),
  country: text(e, 'country', prev?.country ?? '', 'addresses'),
  primary: typeof e.primary === 'boolean' ? e.primary : (prev?.primary ?? false),
}));

/** Custom field values: `{custom_field:{id}, value}` adds, `{id:"text_line-5", value}` updates, `_destroy` removes. */
export const customFieldValues = (parentType: 'Matter' | 'Contact'): FieldWriter =>
  nestedList<CustomFieldValueRecord>(
    'custom_field_values',
    (e, prev, store) => {
      const fieldId = prev?.custom_field_id ?? (e.custom_field as { id?: unknown } | undefined)?.id;
      const field = typeof fieldId === 'number' ? store.get(Resource.CustomFields, fieldId) : undefined;
      if (!field || field.parent_type !== parentType)
        throw unprocessable('custom_field_values: custom_field must reference a custom field of this record type');
      const raw = e.value === undefined ? prev?.value : e.value;
      const value = raw === null || raw === undefined ? null : String(raw);
      const option =
        field.field_type === 'picklist' && value !== null
          ? field.picklist_options.find((o) => String(o.id) === value)
          : undefined;
      if (field.field_type === 'picklist' && value !== null && !option)
        throw unprocessable('custom_field_values: unknown picklist option');
      return { custom_field_id: field.id, value, picklist_option_id: option?.id ?? null };
    },
    (raw, list) => {
      const m = typeof raw === 'string' ? /-(\d+)$/.exec(raw) : null;
      const id = m ? Number(m[1]) : raw;
      return list.find((x) => x.id === id);
    },
  );
