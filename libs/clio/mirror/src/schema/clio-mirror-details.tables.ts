import type { ColumnType } from 'kysely';

/** timestamptz: pg returns a Date; writes accept a Date or an ISO string. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** numeric and bigint arrive as strings (exact). */
type Decimal = ColumnType<string, string | number, string | number>;

interface Stamps {
  etag: string | null;
  created_at: Timestamp | null;
  updated_at: Timestamp | null;
}

/**
 * Typed tables derived from the nested data of mirrored records (libs/clio/mirror/src/details). Their rows
 * follow their parent row: written with it, from the same event, so a rebuild from the log reproduces them.
 */
/** Dates are written as `YYYY-MM-DD`; node-postgres reads a date as a Date at local midnight (select `::text`). */
type DateColumn = ColumnType<Date, string, string>;

export interface ClioMatterFieldsTable {
  firm_id: string;
  matter_id: string;
  display_number: string | null;
  /** Pending, Open or Closed. */
  status: string | null;
  open_date: DateColumn | null;
  pending_date: DateColumn | null;
  close_date: DateColumn | null;
  client_id: string | null;
  practice_area_id: string | null;
  practice_area_name: string | null;
  responsible_attorney_id: string | null;
  originating_attorney_id: string | null;
  responsible_staff_id: string | null;
  group_id: string | null;
  billable: boolean | null;
  billing_method: string | null;
}

export interface ClioContactFieldsTable {
  firm_id: string;
  contact_id: string;
  /** Person or Company. */
  type: string | null;
  name: string | null;
  prefix: string | null;
  first_name: string | null;
  middle_name: string | null;
  last_name: string | null;
  title: string | null;
  date_of_birth: DateColumn | null;
  company_id: string | null;
  is_client: boolean | null;
  is_co_counsel: boolean | null;
  is_bill_recipient: boolean | null;
}

export interface ClioCustomFieldValuesTable {
  firm_id: string;
  /** `Matter` or `Contact`. */
  parent_type: string;
  parent_id: string;
  custom_field_id: string;
  /** Clio's composite id (`<field_type>-<n>`); null for a displayed field without a value yet. */
  id: string | null;
  etag: string | null;
  field_type: string | null;
  field_name: string | null;
  /** The value as Clio sent it (Clio sends every type as a string). */
  value_raw: string | null;
  /** text_line, text_area, email, url. */
  value_text: string | null;
  /** numeric, currency. */
  value_number: Decimal | null;
  value_date: DateColumn | null;
  /** time: `HH:MM:SS`. */
  value_time: string | null;
  /** checkbox. */
  value_boolean: boolean | null;
  /** picklist: the selected option's id. */
  picklist_option_id: string | null;
  /** contact: the contact's id. */
  contact_id: string | null;
  /** matter: the matter's id. */
  matter_id: string | null;
  soft_deleted: boolean;
  created_at: Timestamp | null;
  updated_at: Timestamp | null;
}

export interface ClioContactEmailAddressesTable extends Stamps {
  firm_id: string;
  contact_id: string;
  id: string;
  name: string | null;
  address: string | null;
  is_primary: boolean | null;
}

export interface ClioContactPhoneNumbersTable extends Stamps {
  firm_id: string;
  contact_id: string;
  id: string;
  name: string | null;
  number: string | null;
  is_primary: boolean | null;
}

export interface ClioContactAddressesTable extends Stamps {
  firm_id: string;
  contact_id: string;
  id: string;
  name: string | null;
  street: string | null;
  city: string | null;
  province: string | null;
  postal_code: string | null;
  country: string | null;
  is_primary: boolean | null;
}

export interface ClioContactWebSitesTable extends Stamps {
  firm_id: string;
  contact_id: string;
  id: string;
  name: string | null;
  address: string | null;
  is_default: boolean | null;
}

export interface ClioCalendarEntryAttendeesTable {
  firm_id: string;
  calendar_entry_id: string;
  /** `Calendar` (a user's calendar) or `Contact`; `redacted` for one Clio redacted (Contacts Visibility). */
  attendee_type: string;
  attendee_id: string;
  name: string | null;
  email: string | null;
  enabled: boolean | null;
}

export interface ClioDocumentVersionsTable extends Stamps {
  firm_id: string;
  id: string;
  document_id: string;
  uuid: string | null;
  version_number: number | null;
  filename: string | null;
  size: Decimal | null;
  content_type: string | null;
  fully_uploaded: boolean | null;
  received_at: Timestamp | null;
  /** The document's current latest version (earlier ones observed while mirrored stay, false). */
  is_latest: boolean;
}

export interface ClioActivityAmountsTable {
  firm_id: string;
  activity_id: string;
  /** Seconds for time entries, units for expenses; null when hidden by the hours visibility. */
  quantity: Decimal | null;
  quantity_redacted: boolean;
  /** Null when hidden by the rate visibility (`amounts_redacted`), never 0. */
  price: Decimal | null;
  total: Decimal | null;
  non_billable_total: Decimal | null;
  amounts_redacted: boolean;
}

export interface ClioMirrorDetailTables {
  clio_matter_fields: ClioMatterFieldsTable;
  clio_contact_fields: ClioContactFieldsTable;
  clio_custom_field_values: ClioCustomFieldValuesTable;
  clio_contact_email_addresses: ClioContactEmailAddressesTable;
  clio_contact_phone_numbers: ClioContactPhoneNumbersTable;
  clio_contact_addresses: ClioContactAddressesTable;
  clio_contact_web_sites: ClioContactWebSitesTable;
  clio_calendar_entry_attendees: ClioCalendarEntryAttendeesTable;
  clio_document_versions: ClioDocumentVersionsTable;
  clio_activity_amounts: ClioActivityAmountsTable;
}
