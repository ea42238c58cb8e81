import type { Random } from '../control/seeded-random';
import { ACTIVITY_NOTES, EVENT_SUMMARIES, FIRST_NAMES, LAST_NAMES, TASK_NAMES } from '../data/vocab';
import type { NewRecord, RecordOf, RecordPatch } from '../store/records';
import type { SimStore } from '../store/store';
import {
  contactDetailsChange,
  customFieldValuesChange,
  newDocumentVersion,
  note,
  relationship,
} from './detail-recipes';

/** Resources the activity generator can touch. */
export const ActivityResource = {
  Matters: 'matters',
  Contacts: 'contacts',
  Tasks: 'tasks',
  Activities: 'activities',
  CalendarEntries: 'calendar_entries',
  Documents: 'documents',
  Notes: 'notes',
  Relationships: 'relationships',
} as const;
export type ActivityResource = (typeof ActivityResource)[keyof typeof ActivityResource];

/** How to make and change records of one resource. `create` is absent where creating needs more than one record. */
export interface Recipe<R extends ActivityResource> {
  create?: (g: RecipeEnv) => NewRecord<R> | undefined;
  update: (g: RecipeEnv, current: RecordOf<R>) => RecordPatch<R>;
  /** Whether the record may be deleted (e.g. not a matter's client). Default: always. */
  deletable?: (g: RecipeEnv, current: RecordOf<R>) => boolean;
}

export interface RecipeEnv {
  rng: Random;
  store: SimStore;
  now: number;
}

const pick = <T>(rng: Random, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
const int = (rng: Random, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));
const isoDate = (ms: number): string => new Date(ms).toISOString().slice(0, 10);
const sec = (ms: number): number => ms - (ms % 1000);

/** A random live id of a resource, or null when it has none (sampled from the first 2,000 for speed). */
const anyId = (g: RecipeEnv, resource: 'users' | 'contacts' | 'matters'): number | null => {
  const ids: number[] = [];
  for (const r of g.store.table(resource).ascending()) {
    ids.push(r.id);
    if (ids.length >= 2000) break;
  }
  return ids.length ? pick(g.rng, ids) : null;
};

const personName = (rng: Random) => ({ first: pick(rng, FIRST_NAMES), last: pick(rng, LAST_NAMES) });

const matter: Recipe<'matters'> = {
  create: (g) => {
    const client = anyId(g, 'contacts');
    const number = g.store.table('matters').maxId + 1;
    const lastName =
      client === null
        ? 'Unassigned'
        : (g.store.get('contacts', client)?.last_name ?? g.store.get('contacts', client)?.name ?? '');
    const description = `${pick(g.rng, ['Advice', 'Dispute', 'Review', 'Filing'])} - ${lastName}`;
    return {
      number,
      display_number: `${String(number).padStart(5, '0')}-${lastName}`,
      custom_number: null,
      description,
      status: 'Open',
      location: null,
      client_reference: null,
      client_id: client,
      billable: true,
      billing_method: 'hourly',
      open_date: isoDate(g.now),
      close_date: null,
      pending_date: null,
      practice_area_id: null,
      responsible_attorney_id: anyId(g, 'users'),
      responsible_staff_id: null,
      originating_attorney_id: null,
      group_id: null,
      folder_id: null,
      custom_field_values: [],
    };
  },
  update: (g, m) => {
    const values = g.rng() < 0.25 ? customFieldValuesChange(g, m) : undefined;
    if (values) return values;
    if (g.rng() < 0.3) {
      const status = m.status === 'Open' ? pick(g.rng, ['Pending', 'Closed'] as const) : 'Open';
      return {
        status,
        ...(status === 'Closed' ? { close_date: isoDate(g.now) } : {}),
        ...(status === 'Pending' ? { pending_date: isoDate(g.now) } : {}),
      };
    }
    return { description: `${m.description.replace(/ \(rev \d+\)$/, '')} (rev ${m.rev + 1})` };
  },
};

const contact: Recipe<'contacts'> = {
  create: (g) => {
    const { first, last } = personName(g.rng);
    return {
      type: 'Person',
      name: `${first} ${last}`,
      first_name: first,
      middle_name: null,
      last_name: last,
      prefix: null,
      title: null,
      initials: `${first[0]}${last[0]}`,
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
    };
  },
  update: (g, c) => {
    const r = g.rng();
    const values = r < 0.25 ? customFieldValuesChange(g, c) : undefined;
    if (values) return values;
    if (r < 0.5) return contactDetailsChange(g, c);
    return { title: pick(g.rng, ['Owner', 'CEO', 'Director', 'Manager', 'Counsel', 'Consultant']) };
  },
  // A matter's client, or a contact invited to an event, stays (Clio would change those records too).
  deletable: (g, c) => {
    for (const m of g.store.table('matters').ascending()) if (m.client_id === c.id) return false;
    for (const e of g.store.table('calendar_entries').ascending())
      if (e.attendee_contact_ids.includes(c.id)) return false;
    return true;
  },
};

const task: Recipe<'tasks'> = {
  create: (g) => ({
    name: pick(g.rng, TASK_NAMES),
    status: 'pending',
    description: null,
    description_text_type: 'plain_text',
    priority: pick(g.rng, ['High', 'Normal', 'Low'] as const),
    due_at: isoDate(g.now + int(g.rng, 1, 30) * 86_400_000),
    permission: 'public',
    completed_at: null,
    notify_completion: false,
    statute_of_limitations: false,
    time_estimated: null,
    matter_id: anyId(g, 'matters'),
    assignee_id: anyId(g, 'users'),
    assigner_id: anyId(g, 'users'),
    task_type_id: null,
  }),
  update: (g, t) =>
    t.status === 'complete'
      ? { status: 'pending', completed_at: null }
      : g.rng() < 0.5
        ? { status: 'complete', completed_at: sec(g.now) }
        : { priority: pick(g.rng, ['High', 'Normal', 'Low'] as const) },
};

const activity: Recipe<'activities'> = {
  create: (g) => ({
    type: 'TimeEntry',
    date: isoDate(g.now),
    quantity: int(g.rng, 1, 16) * 900,
    price: pick(g.rng, [150, 250, 350, 450]),
    note: pick(g.rng, ACTIVITY_NOTES),
    flat_rate: false,
    billed: false,
    on_bill: false,
    non_billable: false,
    no_charge: false,
    contingency_fee: false,
    tax_setting: 'no_tax',
    reference: null,
    matter_id: anyId(g, 'matters'),
    user_id: anyId(g, 'users') ?? 1,
    activity_description_id: null,
    expense_category_id: null,
    task_id: null,
    calendar_entry_id: null,
  }),
  update: (g, a) => (g.rng() < 0.5 ? { quantity: a.quantity + 900 } : { note: pick(g.rng, ACTIVITY_NOTES) }),
  deletable: (_g, a) => !a.billed,
};

const calendarEntry: Recipe<'calendar_entries'> = {
  create: (g) => {
    const start = sec(g.now + int(g.rng, 1, 60) * 86_400_000);
    const owner = anyId(g, 'users') ?? 1;
    return {
      summary: pick(g.rng, EVENT_SUMMARIES),
      description: null,
      location: null,
      start_at: start,
      end_at: start + 3_600_000,
      all_day: false,
      recurrence_rule: null,
      parent_calendar_entry_id: null,
      court_rule: false,
      permission: 'owner',
      calendar_owner_id: owner,
      start_at_time_zone: 'UTC',
      matter_id: anyId(g, 'matters'),
      attendee_user_ids: [owner],
      attendee_contact_ids: [],
    };
  },
  update: (g, e) => {
    const shift = int(g.rng, -2, 2) * 3_600_000 || 3_600_000;
    return { start_at: e.start_at + shift, end_at: e.end_at + shift };
  },
};

const document: Recipe<'documents'> = {
  update: (g, d) =>
    g.rng() < 0.4 ? newDocumentVersion(g, d) : { name: `${d.name.replace(/ v\d+$/, '')} v${int(g.rng, 2, 9)}` },
  deletable: (_g, d) => d.deleted_at === null,
};

export const RECIPES: { [R in ActivityResource]: Recipe<R> } = {
  matters: matter,
  contacts: contact,
  tasks: task,
  activities: activity,
  calendar_entries: calendarEntry,
  documents: document,
  notes: note,
  relationships: relationship,
};
