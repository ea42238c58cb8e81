import type { NewRecord } from '../../store/records';
import { Resource } from '../../store/resources';
import type { SimStore } from '../../store/store';
import type { FieldWriter } from './field-writers';
import { unprocessable } from '../api-error';
import { bool, date, dateTime, lookupRef, num, oneOf, ref, str } from './field-writers';
import { addresses, customFieldValues, emailAddresses, phoneNumbers } from './nested-writers';

/** How POST/PATCH bodies map onto one resource's records. */
export interface WriteSpec<R extends Resource> {
  readonly writers: Readonly<Record<string, FieldWriter>>;
  /** Record a POST starts from; the body's fields are applied on top. */
  readonly blank: (store: SimStore) => NewRecord<R>;
  /** Returns an error message (→ 422) when the merged record is not acceptable. */
  readonly validate?: (rec: NewRecord<R>) => string | undefined;
}

const user = (name: string, key: string) => ref(name, key, Resource.Users, { nullable: true });

export const MATTER_WRITE: WriteSpec<'matters'> = {
  writers: {
    description: str('description', { max: 255 }),
    status: oneOf('status', ['Open', 'Pending', 'Closed']),
    display_number: str('display_number'),
    custom_number: str('custom_number', { nullable: true }),
    location: str('location', { nullable: true }),
    client_reference: str('client_reference', { nullable: true }),
    billable: bool('billable'),
    billing_method: oneOf('billing_method', ['flat', 'contingency', 'hourly']),
    open_date: date('open_date'),
    close_date: date('close_date'),
    pending_date: date('pending_date'),
    client: ref('client', 'client_id', Resource.Contacts),
    responsible_attorney: user('responsible_attorney', 'responsible_attorney_id'),
    responsible_staff: user('responsible_staff', 'responsible_staff_id'),
    originating_attorney: user('originating_attorney', 'originating_attorney_id'),
    practice_area: lookupRef('practice_area', 'practice_area_id', (s) => s.lookups.practiceAreas),
    group: lookupRef('group', 'group_id', (s) => s.lookups.groups),
    custom_field_values: customFieldValues('Matter'),
  },
  blank: (store) => {
    const number = store.table(Resource.Matters).maxId + 1;
    return {
      number,
      display_number: String(number).padStart(5, '0'),
      custom_number: null,
      description: '',
      status: 'Open',
      location: null,
      client_reference: null,
      client_id: null,
      billable: true,
      billing_method: 'hourly',
      open_date: new Date(store.clock.now()).toISOString().slice(0, 10),
      close_date: null,
      pending_date: null,
      practice_area_id: null,
      responsible_attorney_id: null,
      responsible_staff_id: null,
      originating_attorney_id: null,
      group_id: null,
      folder_id: null,
      custom_field_values: [],
    };
  },
  validate: (m) =>
    m.client_id === null
      ? 'client must be provided'
      : m.description === ''
        ? 'description must be provided'
        : undefined,
};

export const CONTACT_WRITE: WriteSpec<'contacts'> = {
  writers: {
    type: oneOf('type', ['Person', 'Company']),
    name: str('name'),
    first_name: str('first_name', { nullable: true }),
    middle_name: str('middle_name', { nullable: true }),
    last_name: str('last_name', { nullable: true }),
    prefix: str('prefix', { nullable: true }),
    title: str('title', { nullable: true }),
    date_of_birth: date('date_of_birth'),
    company: ref('company', 'company_id', Resource.Contacts, { nullable: true }),
    ledes_client_id: str('ledes_client_id', { nullable: true }),
    sales_tax_number: str('sales_tax_number', { nullable: true }),
    is_co_counsel: bool('is_co_counsel'),
    email_addresses: emailAddresses,
    phone_numbers: phoneNumbers,
    addresses,
    custom_field_values: customFieldValues('Contact'),
  },
  blank: () => ({
    type: 'Person',
    name: '',
    first_name: null,
    middle_name: null,
    last_name: null,
    prefix: null,
    title: null,
    initials: '',
    date_of_birth: null,
    company_id: null,
    is_client: false,
    is_co_counsel: false,
    is_bill_recipient: false,
    ledes_client_id: null,
    sales_tax_number: null,
    folder_id: null,
    addresses: [],
    email_addresses: [],
    phone_numbers: [],
    web_sites: [],
    custom_field_values: [],
  }),
  validate: (c) =>
    c.type === 'Person' && !c.first_name && !c.last_name
      ? 'At least one of first name or last name must be provided'
      : c.type === 'Company' && !c.name
        ? 'name must be provided'
        : undefined,
};

export const CALENDAR_ENTRY_WRITE: WriteSpec<'calendar_entries'> = {
  writers: {
    summary: str('summary'),
    description: str('description', { nullable: true }),
    location: str('location', { nullable: true }),
    start_at: dateTime('start_at'),
    end_at: dateTime('end_at'),
    all_day: bool('all_day'),
    recurrence_rule: str('recurrence_rule', { nullable: true }),
    court_rule: bool('court_rule'),
    matter: ref('matter', 'matter_id', Resource.Matters, { nullable: true }),
    calendar_owner: (v, store) => {
      const id = typeof v === 'object' && v !== null ? (v as { id?: unknown }).id : undefined;
      const owner = [...store.table(Resource.Users).ascending()].find((u) => u.default_calendar_id === id);
      if (!owner) throw unprocessable('calendar_owner must reference a user calendar');
      return { calendar_owner_id: owner.id };
    },
  },
  blank: () => ({
    summary: '',
    description: null,
    location: null,
    start_at: 0,
    end_at: 0,
    all_day: false,
    recurrence_rule: null,
    parent_calendar_entry_id: null,
    court_rule: false,
    permission: 'owner',
    calendar_owner_id: 1,
    start_at_time_zone: 'UTC',
    matter_id: null,
    attendee_user_ids: [],
    attendee_contact_ids: [],
  }),
  validate: (c) =>
    c.summary === ''
      ? 'summary must be provided'
      : c.start_at === 0 || c.end_at === 0
        ? 'start_at and end_at must be provided'
        : c.end_at < c.start_at
          ? 'end_at must be after start_at'
          : undefined,
};

export const TASK_WRITE: WriteSpec<'tasks'> = {
  writers: {
    name: str('name'),
    description: str('description', { nullable: true }),
    status: oneOf('status', ['pending', 'in_progress', 'in_review', 'complete']),
    priority: oneOf('priority', ['High', 'Normal', 'Low']),
    due_at: date('due_at'),
    permission: oneOf('permission', ['private', 'public']),
    notify_completion: bool('notify_completion'),
    statute_of_limitations: bool('statute_of_limitations'),
    time_estimated: num('time_estimated', { integer: true, min: 0, nullable: true }),
    matter: ref('matter', 'matter_id', Resource.Matters, { nullable: true }),
    assignee: ref('assignee', 'assignee_id', Resource.Users),
    task_type: lookupRef('task_type', 'task_type_id', (s) => s.lookups.taskTypes),
  },
  blank: () => ({
    name: '',
    status: 'pending',
    description: null,
    description_text_type: 'plain_text',
    priority: 'Normal',
    due_at: null,
    permission: 'public',
    completed_at: null,
    notify_completion: false,
    statute_of_limitations: false,
    time_estimated: null,
    matter_id: null,
    assignee_id: null,
    assigner_id: 1,
    task_type_id: null,
  }),
  validate: (t) =>
    t.name === '' ? 'name must be provided' : t.assignee_id === null ? 'assignee must be provided' : undefined,
};

export const ACTIVITY_WRITE: WriteSpec<'activities'> = {
  writers: {
    type: oneOf('type', ['TimeEntry', 'ExpenseEntry', 'HardCostEntry', 'SoftCostEntry']),
    date: date('date'),
    quantity: num('quantity', { min: 0 }),
    price: num('price', { min: 0 }),
    note: str('note', { nullable: true }),
    non_billable: bool('non_billable'),
    no_charge: bool('no_charge'),
    flat_rate: bool('flat_rate'),
    reference: str('reference', { nullable: true }),
    tax_setting: oneOf('tax_setting', ['no_tax', 'tax_1_only', 'tax_2_only', 'tax_1_and_tax_2']),
    matter: ref('matter', 'matter_id', Resource.Matters, { nullable: true }),
    user: ref('user', 'user_id', Resource.Users),
    task: ref('task', 'task_id', Resource.Tasks, { nullable: true }),
    calendar_entry: ref('calendar_entry', 'calendar_entry_id', Resource.CalendarEntries, { nullable: true }),
    activity_description: lookupRef(
      'activity_description',
      'activity_description_id',
      (s) => s.lookups.activityDescriptions,
    ),
    expense_category: lookupRef('expense_category', 'expense_category_id', (s) => s.lookups.expenseCategories),
  },
  blank: (store) => ({
    type: 'TimeEntry',
    date: new Date(store.clock.now()).toISOString().slice(0, 10),
    quantity: 0,
    price: 0,
    note: null,
    flat_rate: false,
    billed: false,
    on_bill: false,
    non_billable: false,
    no_charge: false,
    contingency_fee: false,
    tax_setting: 'no_tax',
    reference: null,
    matter_id: null,
    user_id: 1,
    activity_description_id: null,
    expense_category_id: null,
    task_id: null,
    calendar_entry_id: null,
  }),
};

export const CUSTOM_FIELD_WRITE: WriteSpec<'custom_fields'> = {
  writers: {
    name: str('name'),
    parent_type: oneOf('parent_type', ['Contact', 'Matter']),
    field_type: oneOf('field_type', [
      'checkbox',
      'contact',
      'currency',
      'date',
      'time',
      'email',
      'matter',
      'numeric',
      'picklist',
      'text_area',
      'text_line',
      'url',
    ]),
    displayed: bool('displayed'),
    required: bool('required'),
    deleted: bool('deleted'),
    display_order: num('display_order', { integer: true }),
  },
  blank: () => ({
    name: '',
    parent_type: 'Matter',
    field_type: 'text_line',
    displayed: true,
    deleted: false,
    required: false,
    display_order: 0,
    picklist_options: [],
  }),
  validate: (f) => (f.name === '' ? 'name must be provided' : undefined),
};

/** Derived fields kept consistent after a write (contact name/initials from its parts). */
export const normalizeContact = (input: NewRecord<'contacts'>): NewRecord<'contacts'> => {
  let c = input;
  if (c.type !== 'Person') return { ...c, initials: c.name.slice(0, 2).toUpperCase() };
  if (!c.first_name && !c.last_name && c.name.includes(' ')) {
    // Clio splits a Person's bare `name` into first and last name (Clio's OpenAPI Contacts tag).
    const parts = c.name.trim().split(/\s+/);
    c = { ...c, first_name: parts[0], last_name: parts.slice(1).join(' ') };
  }
  const name = [c.first_name, c.middle_name, c.last_name].filter(Boolean).join(' ') || c.name;
  return { ...c, name, initials: `${c.first_name?.[0] ?? ''}${c.last_name?.[0] ?? ''}` };
};

/** Clio's `Note`: a matter note or a contact note; `type` and its parent are fixed at creation. */
export const NOTE_WRITE: WriteSpec<'notes'> = {
  writers: {
    type: oneOf('type', ['Matter', 'Contact']),
    subject: str('subject'),
    detail: str('detail'),
    detail_text_type: oneOf('detail_text_type', ['plain_text', 'rich_text']),
    date: date('date'),
    matter: ref('matter', 'matter_id', Resource.Matters),
    contact: ref('contact', 'contact_id', Resource.Contacts),
  },
  blank: (store) => ({
    type: 'Matter',
    subject: '',
    detail: '',
    detail_text_type: 'plain_text',
    date: new Date(store.clock.now()).toISOString().slice(0, 10),
    matter_id: null,
    contact_id: null,
    author_id: 1,
  }),
  validate: (n) =>
    n.type === 'Matter' && n.matter_id === null
      ? 'matter must be provided for a Matter note'
      : n.type === 'Contact' && n.contact_id === null
        ? 'contact must be provided for a Contact note'
        : undefined,
};
