// The Clio fields a mirrored record carries, per entity type: what the fetcher asks Clio for, what
// `ClioRecordsFetched` and `ClioRecordsObserved` records hold (their AsyncAPI schemas are built from it), and what the
// mirror stores. Wire knowledge of the platform, so it lives here; `@sf/clio-mirror` re-exports it as `CLIO_FIELDS`.

const STAMPS = ['id', 'etag', 'created_at', 'updated_at'] as const;

/** A custom field value with its typed reference (each nested object without braces returns its default fields). */
const CUSTOM_FIELD_VALUES =
  'custom_field_values{id,etag,field_name,field_type,value,soft_deleted,created_at,updated_at,custom_field,picklist_option,contact,matter}';

/**
 * The one table of Clio `fields` requested per resource: what the mirror stores in `data` and derives its detail
 * tables from. Every list has `id`, `etag`, `created_at` (delete detection counts by creation time) and
 * `updated_at` (incremental sync); documents and folders add `deleted_at` (trash), `matter{id}` and `parent{id}`.
 * Nested collections (custom field values, contacts' addresses, a document's latest version, ...) come in the same
 * list call, so the richer mirror costs no call per record. Nested objects are asked with braces at the first level
 * only (a second level of braces is a 400); inside them, a nested object named without braces returns its id.
 * Every name is a field of the resource in Clio's OpenAPI and in the simulator's models.
 */
export const CLIO_RECORD_FIELDS = {
  users: [...STAMPS, 'name', 'first_name', 'last_name', 'email', 'enabled', 'subscription_type'],
  custom_fields: [...STAMPS, 'name', 'parent_type', 'field_type', 'displayed', 'deleted'],
  matters: [
    ...STAMPS,
    'number',
    'display_number',
    'custom_number',
    'description',
    'status',
    'open_date',
    'close_date',
    'pending_date',
    'location',
    'client_reference',
    'billable',
    'billing_method',
    'client{id}',
    'responsible_attorney{id}',
    'originating_attorney{id}',
    'responsible_staff{id}',
    'practice_area{id,name}',
    'group{id}',
    CUSTOM_FIELD_VALUES,
  ],
  contacts: [
    ...STAMPS,
    'name',
    'type',
    'prefix',
    'first_name',
    'middle_name',
    'last_name',
    'title',
    'initials',
    'date_of_birth',
    'company{id}',
    'is_client',
    'is_co_counsel',
    'is_bill_recipient',
    'ledes_client_id',
    'sales_tax_number',
    'email_addresses{id,etag,name,address,primary,created_at,updated_at}',
    'phone_numbers{id,etag,name,number,primary,created_at,updated_at}',
    'addresses{id,etag,name,street,city,province,postal_code,country,primary,created_at,updated_at}',
    'web_sites{id,etag,name,address,default_web_site,created_at,updated_at}',
    CUSTOM_FIELD_VALUES,
  ],
  relationships: [...STAMPS, 'description', 'matter{id}', 'contact{id}'],
  matter_notes: [...STAMPS, 'type', 'subject', 'detail', 'detail_text_type', 'date', 'matter{id}', 'author{id}'],
  contact_notes: [...STAMPS, 'type', 'subject', 'detail', 'detail_text_type', 'date', 'contact{id}', 'author{id}'],
  calendar_entries: [
    ...STAMPS,
    'summary',
    'start_at',
    'end_at',
    'all_day',
    'location',
    'matter{id}',
    'attendees{id,type,name,email,enabled}',
  ],
  tasks: [...STAMPS, 'name', 'status', 'priority', 'due_at', 'completed_at', 'matter{id}', 'assignee{id}'],
  folders: [...STAMPS, 'deleted_at', 'name', 'root', 'parent{id}', 'matter{id}'],
  documents: [
    ...STAMPS,
    'deleted_at',
    'name',
    'filename',
    'size',
    'content_type',
    'parent{id}',
    'matter{id}',
    'latest_document_version{id,etag,uuid,version_number,filename,size,content_type,fully_uploaded,received_at,created_at,updated_at}',
  ],
  activities: [
    ...STAMPS,
    'type',
    'date',
    'quantity',
    'quantity_redacted',
    'price',
    'total',
    'non_billable',
    'non_billable_total',
    'no_charge',
    'billed',
    'matter{id}',
    'user{id}',
  ],
} as const satisfies Record<string, readonly string[]>;
