import type { Resource } from './resources';
import type { AddressRecord, EmailRecord, PhoneRecord, WebSiteRecord } from './nested-records';

export type { AddressRecord, EmailRecord, PhoneRecord, WebSiteRecord } from './nested-records';

/**
 * Stored records are compact: scalar wire fields under their wire names, references as `<name>_id`, timestamps as
 * epoch ms (`*_at`) and dates as `YYYY-MM-DD` strings. Records are never mutated: a write stores a new object,
 * which is what lets the serializer cache JSON per record object.
 */
export interface BaseRecord {
  id: number;
  /** Quoted 32-hex digest, changes on every write. */
  etag: string;
  /** Bumped on every write; the etag is derived from (resource, id, rev). */
  rev: number;
  created_at: number;
  updated_at: number;
}

/** A custom field value embedded in a matter or contact. Wire id is `<field_type>-<id>`. */
export interface CustomFieldValueRecord {
  id: number;
  custom_field_id: number;
  /** Always a string on the wire (Clio's `value:string`); picklist values hold the option id. */
  value: string | null;
  picklist_option_id: number | null;
  created_at: number;
  updated_at: number;
}

export interface MatterRecord extends BaseRecord {
  number: number;
  display_number: string;
  custom_number: string | null;
  description: string;
  status: 'Pending' | 'Open' | 'Closed';
  location: string | null;
  client_reference: string | null;
  client_id: number | null;
  billable: boolean;
  billing_method: 'flat' | 'contingency' | 'hourly';
  open_date: string | null;
  close_date: string | null;
  pending_date: string | null;
  practice_area_id: number | null;
  responsible_attorney_id: number | null;
  responsible_staff_id: number | null;
  originating_attorney_id: number | null;
  group_id: number | null;
  folder_id: number | null;
  custom_field_values: readonly CustomFieldValueRecord[];
}

export interface ContactRecord extends BaseRecord {
  type: 'Person' | 'Company';
  name: string;
  first_name: string | null;
  middle_name: string | null;
  last_name: string | null;
  prefix: string | null;
  title: string | null;
  initials: string;
  date_of_birth: string | null;
  company_id: number | null;
  is_client: boolean;
  is_co_counsel: boolean;
  is_bill_recipient: boolean;
  ledes_client_id: string | null;
  sales_tax_number: string | null;
  folder_id: number | null;
  addresses: readonly AddressRecord[];
  email_addresses: readonly EmailRecord[];
  phone_numbers: readonly PhoneRecord[];
  web_sites: readonly WebSiteRecord[];
  custom_field_values: readonly CustomFieldValueRecord[];
}

export interface FolderRecord extends BaseRecord {
  name: string;
  parent_id: number | null;
  matter_id: number | null;
  contact_id: number | null;
  root: boolean;
  locked: boolean;
  creator_id: number | null;
  document_category_id: number | null;
  deleted_at: number | null;
}

export interface DocumentRecord extends BaseRecord {
  name: string;
  filename: string;
  content_type: string;
  /** Bytes of the latest version. */
  size: number;
  parent_id: number;
  matter_id: number | null;
  contact_id: number | null;
  document_category_id: number | null;
  creator_id: number | null;
  received_at: number | null;
  locked: boolean;
  latest_version_id: number;
  deleted_at: number | null;
}

export interface DocumentVersionRecord extends BaseRecord {
  document_id: number;
  uuid: string;
  filename: string;
  /** Bytes served by the download URL; int32 on the wire. */
  size: number;
  version_number: number;
  content_type: string;
  received_at: number | null;
  fully_uploaded: boolean;
  creator_id: number | null;
  /** Where the client PUTs the bytes of a version being uploaded; null once generated or uploaded. */
  put_url: string | null;
  /** Bytes received by the upload URL (null until a PUT arrives; generated versions: null). */
  upload_received: number | null;
}

export interface CalendarEntryRecord extends BaseRecord {
  summary: string;
  description: string | null;
  location: string | null;
  start_at: number;
  end_at: number;
  all_day: boolean;
  recurrence_rule: string | null;
  parent_calendar_entry_id: number | null;
  court_rule: boolean;
  permission: 'owner' | 'editor' | 'viewer' | 'limited_viewer';
  calendar_owner_id: number;
  start_at_time_zone: string;
  matter_id: number | null;
  attendee_user_ids: readonly number[];
  /** Contacts invited (Clio's attendees of `type: Contact`), after the users' calendars. */
  attendee_contact_ids: readonly number[];
}

export interface TaskRecord extends BaseRecord {
  name: string;
  status: 'pending' | 'in_progress' | 'in_review' | 'complete';
  description: string | null;
  description_text_type: 'plain_text' | 'rich_text';
  priority: 'High' | 'Normal' | 'Low';
  due_at: string | null;
  permission: 'private' | 'public';
  completed_at: number | null;
  notify_completion: boolean;
  statute_of_limitations: boolean;
  time_estimated: number | null;
  matter_id: number | null;
  assignee_id: number | null;
  assigner_id: number | null;
  task_type_id: number | null;
}

export interface ActivityRecord extends BaseRecord {
  type: 'TimeEntry' | 'ExpenseEntry' | 'HardCostEntry' | 'SoftCostEntry';
  date: string;
  /** Seconds for TimeEntry (since 4.0.4), units for expenses. */
  quantity: number;
  price: number;
  note: string | null;
  flat_rate: boolean;
  billed: boolean;
  on_bill: boolean;
  non_billable: boolean;
  no_charge: boolean;
  contingency_fee: boolean;
  tax_setting: 'no_tax' | 'tax_1_only' | 'tax_2_only' | 'tax_1_and_tax_2';
  reference: string | null;
  matter_id: number | null;
  user_id: number;
  activity_description_id: number | null;
  expense_category_id: number | null;
  task_id: number | null;
  calendar_entry_id: number | null;
}

/** A matter note or a contact note (one Clio resource, `/notes.json?type=Matter|Contact`). */
export interface NoteRecord extends BaseRecord {
  type: 'Matter' | 'Contact';
  subject: string;
  detail: string;
  detail_text_type: 'plain_text' | 'rich_text';
  /** `YYYY-MM-DD`. */
  date: string;
  matter_id: number | null;
  contact_id: number | null;
  author_id: number | null;
}

/** Clio's `Relationship`: a contact related to a matter, and how (`/relationships.json`, nested in matters). */
export interface RelationshipRecord extends BaseRecord {
  description: string;
  matter_id: number;
  contact_id: number;
}

export interface UserRecord extends BaseRecord {
  name: string;
  first_name: string;
  last_name: string;
  initials: string;
  email: string;
  enabled: boolean;
  account_owner: boolean;
  clio_connect: boolean;
  court_rules_default_attendee: boolean;
  default_calendar_id: number;
  phone_number: string | null;
  rate: number;
  roles: readonly string[];
  subscription_type: 'Attorney' | 'NonAttorney';
  time_zone: string;
  group_ids: readonly number[];
}

export interface PicklistOptionRecord {
  id: number;
  option: string;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
}

export const CustomFieldType = {
  Checkbox: 'checkbox',
  Contact: 'contact',
  Currency: 'currency',
  Date: 'date',
  Time: 'time',
  Email: 'email',
  Matter: 'matter',
  Numeric: 'numeric',
  Picklist: 'picklist',
  TextArea: 'text_area',
  TextLine: 'text_line',
  Url: 'url',
} as const;
export type CustomFieldType = (typeof CustomFieldType)[keyof typeof CustomFieldType];

export interface CustomFieldRecord extends BaseRecord {
  name: string;
  parent_type: 'Contact' | 'Matter';
  field_type: CustomFieldType;
  displayed: boolean;
  deleted: boolean;
  required: boolean;
  display_order: number;
  picklist_options: readonly PicklistOptionRecord[];
}

/** Record type stored under each resource. */
export interface RecordMap {
  matters: MatterRecord;
  contacts: ContactRecord;
  documents: DocumentRecord;
  folders: FolderRecord;
  document_versions: DocumentVersionRecord;
  calendar_entries: CalendarEntryRecord;
  tasks: TaskRecord;
  activities: ActivityRecord;
  users: UserRecord;
  custom_fields: CustomFieldRecord;
  notes: NoteRecord;
  relationships: RelationshipRecord;
}
export type RecordOf<R extends Resource> = RecordMap[R];
export type AnyRecord = RecordMap[Resource];

/** Fields the store sets itself; everything else is given on create. */
export type ManagedField = 'id' | 'etag' | 'rev' | 'created_at' | 'updated_at';
export type NewRecord<R extends Resource> = Omit<RecordOf<R>, ManagedField>;
export type RecordPatch<R extends Resource> = Partial<NewRecord<R>>;

/** Small firm-wide lookup tables that have no endpoint of their own here (practice areas, groups, ...). */
export interface Lookup {
  id: number;
  name: string;
}
export interface FirmLookups {
  /** When the firm's account was created (epoch ms); stamps the lookup rows. */
  createdAt: number;
  account: { id: number; name: string };
  practiceAreas: readonly (Lookup & { code: string; category: string })[];
  groups: readonly (Lookup & { type: 'UserGroup' | 'AdhocGroup' | 'AccountGroup' | 'TeamGroup' })[];
  taskTypes: readonly Lookup[];
  activityDescriptions: readonly Lookup[];
  expenseCategories: readonly Lookup[];
  documentCategories: readonly Lookup[];
}
