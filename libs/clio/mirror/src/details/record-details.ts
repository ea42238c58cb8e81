import type { DetailSpec } from './detail-spec';
import {
  booleanOf,
  clioIdOf,
  decimalOf,
  distinctBy,
  instantOf,
  objectOf,
  objectsOf,
  textOf,
  type Json,
} from './detail-values';

const STAMPS = [
  ['etag', 'text'],
  ['created_at', 'timestamptz'],
  ['updated_at', 'timestamptz'],
] as const;
const stamps = (v: Json) => ({
  etag: textOf(v['etag']),
  created_at: instantOf(v['created_at']),
  updated_at: instantOf(v['updated_at']),
});

/** A nested collection with integer ids, one row per element (by id). */
const collection = (
  table: DetailSpec['table'],
  parentColumn: string,
  field: string,
  columns: DetailSpec['columns'],
  row: (v: Json) => Record<string, unknown>,
): DetailSpec => ({
  table,
  parentColumn,
  fixed: {},
  columns: [['id', 'text'], ...columns, ...STAMPS],
  mode: 'replace',
  rows: (r) =>
    distinctBy(
      objectsOf(r[field])
        .filter((v) => clioIdOf(v['id']) !== null)
        .map((v) => ({ id: clioIdOf(v['id']), ...row(v), ...stamps(v) })),
      (x) => String(x['id']),
    ),
});

export const contactEmailAddresses = collection(
  'clio_contact_email_addresses',
  'contact_id',
  'email_addresses',
  [
    ['name', 'text'],
    ['address', 'text'],
    ['is_primary', 'boolean'],
  ],
  (v) => ({ name: textOf(v['name']), address: textOf(v['address']), is_primary: booleanOf(v['primary']) }),
);

export const contactPhoneNumbers = collection(
  'clio_contact_phone_numbers',
  'contact_id',
  'phone_numbers',
  [
    ['name', 'text'],
    ['number', 'text'],
    ['is_primary', 'boolean'],
  ],
  (v) => ({ name: textOf(v['name']), number: textOf(v['number']), is_primary: booleanOf(v['primary']) }),
);

export const contactAddresses = collection(
  'clio_contact_addresses',
  'contact_id',
  'addresses',
  [
    ['name', 'text'],
    ['street', 'text'],
    ['city', 'text'],
    ['province', 'text'],
    ['postal_code', 'text'],
    ['country', 'text'],
    ['is_primary', 'boolean'],
  ],
  (v) => ({
    name: textOf(v['name']),
    street: textOf(v['street']),
    city: textOf(v['city']),
    province: textOf(v['province']),
    postal_code: textOf(v['postal_code']),
    country: textOf(v['country']),
    is_primary: booleanOf(v['primary']),
  }),
);

export const contactWebSites = collection(
  'clio_contact_web_sites',
  'contact_id',
  'web_sites',
  [
    ['name', 'text'],
    ['address', 'text'],
    ['is_default', 'boolean'],
  ],
  (v) => ({ name: textOf(v['name']), address: textOf(v['address']), is_default: booleanOf(v['default_web_site']) }),
);

/**
 * Attendees are users' calendars or contacts: their ids are unique per type only. One the user may not see (a
 * contact hidden by Contacts Visibility) comes as `{"id":…,"redacted":true}`, without a type: it is kept as type
 * `redacted` with its id, so the entry still shows that someone the user may not see attends.
 */
export const calendarEntryAttendees: DetailSpec = {
  table: 'clio_calendar_entry_attendees',
  parentColumn: 'calendar_entry_id',
  fixed: {},
  columns: [
    ['attendee_type', 'text'],
    ['attendee_id', 'text'],
    ['name', 'text'],
    ['email', 'text'],
    ['enabled', 'boolean'],
  ],
  mode: 'replace',
  rows: (r) =>
    distinctBy(
      objectsOf(r['attendees'])
        .filter((v) => clioIdOf(v['id']) !== null)
        .map((v) => ({
          attendee_type: textOf(v['type']) ?? (v['redacted'] === true ? 'redacted' : 'unknown'),
          attendee_id: clioIdOf(v['id']),
          name: textOf(v['name']),
          email: textOf(v['email']),
          enabled: booleanOf(v['enabled']),
        })),
      (x) => `${String(x['attendee_type'])}\u0000${String(x['attendee_id'])}`,
    ),
};

/**
 * A document's latest version, nested in the document (`latest_document_version{...}`): listing every version
 * would cost one call per document (Clio has no firm-wide version index), so the mirror keeps each latest version
 * it observes; versions superseded while mirrored stay, with `is_latest` false.
 */
export const documentVersions: DetailSpec = {
  table: 'clio_document_versions',
  parentColumn: 'document_id',
  fixed: {},
  columns: [
    ['id', 'text'],
    ['uuid', 'text'],
    ['version_number', 'integer'],
    ['filename', 'text'],
    ['size', 'bigint'],
    ['content_type', 'text'],
    ['fully_uploaded', 'boolean'],
    ['received_at', 'timestamptz'],
    ['is_latest', 'boolean'],
    ...STAMPS,
  ],
  mode: 'accumulate',
  rows: (r) => {
    const v = objectOf(r['latest_document_version']);
    const id = clioIdOf(v?.['id']);
    if (v === null || id === null) return [];
    const int = (x: unknown): number | null => (typeof x === 'number' && Number.isSafeInteger(x) ? x : null);
    return [
      {
        id,
        uuid: textOf(v['uuid']),
        version_number: int(v['version_number']),
        filename: textOf(v['filename']),
        size: int(v['size']),
        content_type: textOf(v['content_type']),
        fully_uploaded: booleanOf(v['fully_uploaded']),
        received_at: instantOf(v['received_at']),
        is_latest: true,
        ...stamps(v),
      },
    ];
  },
};

/**
 * Activity quantities and amounts, typed, with Clio's redaction kept: a rate-visibility redaction removes `price`
 * and `total` and adds `redacted: true`; an hours-visibility redaction sets `quantity_redacted` (and leaves the
 * hours out). Hidden values are null with the flag set, never 0.
 */
export const activityAmounts: DetailSpec = {
  table: 'clio_activity_amounts',
  parentColumn: 'activity_id',
  fixed: {},
  columns: [
    ['quantity', 'numeric'],
    ['quantity_redacted', 'boolean'],
    ['price', 'numeric'],
    ['total', 'numeric'],
    ['non_billable_total', 'numeric'],
    ['amounts_redacted', 'boolean'],
  ],
  mode: 'replace',
  rows: (r) => {
    const amountsRedacted = r['redacted'] === true && (r['price'] === undefined || r['total'] === undefined);
    const quantityRedacted = r['quantity_redacted'] === true || (r['redacted'] === true && r['quantity'] === undefined);
    const amount = (k: string) => (amountsRedacted ? null : decimalOf(r[k]));
    return [
      {
        quantity: quantityRedacted ? null : decimalOf(r['quantity']),
        quantity_redacted: quantityRedacted,
        price: amount('price'),
        total: amount('total'),
        non_billable_total: amount('non_billable_total'),
        amounts_redacted: amountsRedacted,
      },
    ];
  },
};
