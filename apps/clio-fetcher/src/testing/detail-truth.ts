import type { DetailTable } from '@sf/clio-mirror';
import {
  compileFields,
  RESOURCE_MODELS,
  type ActivityRecord,
  type ContactRecord,
  type SimStore,
} from '@sf/clio-simulator';

/** What one detail table (or the typed fields of a record's `data`) must hold, and how to read the mirror's. */
export interface DetailCheck {
  name: DetailTable | 'relationships.fields';
  table: string;
  /** The compared columns, in order: SQL expressions over `d`, the mirror row. */
  columns: readonly string[];
  /** SQL condition over `d`: only rows of live parents are compared. */
  where: string;
  rows: unknown[][];
}

const str = (v: number | string | null | undefined): string | null =>
  v === null || v === undefined ? null : String(v);
const liveIn = (table: string, key: string) =>
  `exists (select 1 from ${table} p where p.firm_id = d.firm_id and p.id = d.${key} and not p.is_soft_deleted)`;

const TEXT = new Set(['text_line', 'text_area', 'email', 'url']);
const typed = (type: string | null, wanted: readonly string[], v: string | null) =>
  type !== null && wanted.includes(type) ? v : null;

const customFieldValues = (store: SimStore): DetailCheck => {
  const rows: unknown[][] = [];
  const add = (
    parentType: 'Matter' | 'Contact',
    parentId: number,
    values: readonly { custom_field_id: number; value: string | null; picklist_option_id: number | null }[],
  ) => {
    for (const v of values) {
      const type = store.get('custom_fields', v.custom_field_id)?.field_type ?? null;
      rows.push([
        parentType,
        parentId,
        v.custom_field_id,
        type,
        v.value,
        type !== null && TEXT.has(type) ? v.value : null,
        typed(type, ['numeric', 'currency'], v.value),
        typed(type, ['date'], v.value),
        typed(type, ['time'], v.value),
        typed(type, ['checkbox'], v.value),
        type === 'picklist' ? str(v.picklist_option_id) : null,
        typed(type, ['contact'], v.value),
        typed(type, ['matter'], v.value),
      ]);
    }
  };
  for (const m of store.table('matters').ascending()) add('Matter', m.id, m.custom_field_values);
  for (const c of store.table('contacts').ascending()) add('Contact', c.id, c.custom_field_values);
  return {
    name: 'clio_custom_field_values',
    table: 'clio_custom_field_values',
    columns: [
      'parent_type',
      'parent_id',
      'custom_field_id',
      'field_type',
      'value_raw',
      'value_text',
      'value_number',
      'value_date',
      'value_time',
      'value_boolean',
      'picklist_option_id',
      'contact_id',
      'matter_id',
    ].map((c) => `d.${c}`),
    where: `(d.parent_type = 'Matter' and ${liveIn('clio_matters', 'parent_id')})
      or (d.parent_type = 'Contact' and ${liveIn('clio_contacts', 'parent_id')})`,
    rows,
  };
};

/** A contact's nested collection, one row per element. */
const contactCollection = <T extends { id: number }>(
  store: SimStore,
  table: DetailTable,
  columns: readonly string[],
  items: (c: ContactRecord) => readonly T[],
  values: (x: T) => unknown[],
): DetailCheck => ({
  name: table,
  table,
  columns: ['d.contact_id', 'd.id', ...columns.map((c) => `d.${c}`)],
  where: liveIn('clio_contacts', 'contact_id'),
  rows: contactRows(store).flatMap((c) => items(c).map((x) => [c.id, x.id, ...values(x)])),
});
const contactRows = (store: SimStore): ContactRecord[] => [...store.table('contacts').ascending()];

/** Clio's rendering of an activity's amounts for the simulator's viewer (the wire is the ground truth of totals). */
const rendered = (store: SimStore, a: ActivityRecord): Record<string, unknown> => {
  const c = compileFields(RESOURCE_MODELS.activities, 'total,non_billable_total');
  if (!c.ok) throw new Error(c.message);
  return c.compiled.render(a as never, { store });
};

/**
 * A relationship as Clio renders it: a matter or contact that no longer exists reads `null` (the simulator keeps a
 * deleted matter's relationships, so the stored `matter_id` is not what the API shows).
 */
const relationshipRows = (store: SimStore): unknown[][] => {
  const c = compileFields(RESOURCE_MODELS.relationships, 'id,description,matter{id},contact{id}');
  if (!c.ok) throw new Error(c.message);
  const idOf = (v: unknown): string | null =>
    v !== null && typeof v === 'object' && 'id' in v ? String((v as { id: unknown }).id) : null;
  return [...store.table('relationships').ascending()].map((r) => {
    const w = c.compiled.render(r as never, { store });
    return [r.id, w['description'], idOf(w['matter']), idOf(w['contact'])];
  });
};

const activityAmounts = (store: SimStore): DetailCheck => {
  const v = store.activityVisibility;
  const hides = (level: string, a: ActivityRecord) =>
    a.type === 'TimeEntry' && (level === 'none' || (level === 'limited' && a.user_id !== v.viewerUserId));
  return {
    name: 'clio_activity_amounts',
    table: 'clio_activity_amounts',
    columns: [
      'activity_id',
      'quantity',
      'quantity_redacted',
      'price',
      'total',
      'non_billable_total',
      'amounts_redacted',
    ].map((c) => `d.${c}`),
    where: liveIn('clio_activities', 'activity_id'),
    rows: [...store.table('activities').ascending()].map((a) => {
      const rate = hides(v.rate, a);
      const hours = hides(v.hours, a);
      const r = rendered(store, a);
      return [
        a.id,
        hours ? null : a.quantity,
        hours,
        rate ? null : a.price,
        rate ? null : str(r['total'] as number),
        rate ? null : str(r['non_billable_total'] as number),
        rate,
      ];
    }),
  };
};

/**
 * Attendees of live entries: users' calendars, then contacts; a contact `contactView` says the user may not see is
 * a `redacted` row with its id only (the firm-wide view sees every contact in full). A contact's email is compared
 * for users' calendars only: a contact's primary address can change without the entry changing (Clio does not
 * move the entry's `updated_at`), so the mirror holds it as of the entry's last fetch.
 */
export const calendarEntryAttendees = (
  store: SimStore,
  contactView: (id: number) => 'full' | 'redacted' | 'hidden' = () => 'full',
): DetailCheck => ({
  name: 'clio_calendar_entry_attendees',
  table: 'clio_calendar_entry_attendees',
  columns: [
    'd.calendar_entry_id',
    'd.attendee_type',
    'd.attendee_id',
    'd.name',
    `case when d.attendee_type = 'Calendar' then d.email end`,
    'd.enabled',
  ],
  where: liveIn('clio_calendar_entries', 'calendar_entry_id'),
  rows: [...store.table('calendar_entries').ascending()].flatMap((c) => [
    ...c.attendee_user_ids.flatMap((id) => {
      const u = store.get('users', id);
      return u ? [[c.id, 'Calendar', u.default_calendar_id, u.name, u.email, u.enabled]] : [];
    }),
    ...c.attendee_contact_ids.flatMap((id) => {
      const contact = store.get('contacts', id);
      if (!contact) return [];
      return contactView(id) === 'full'
        ? [[c.id, 'Contact', id, contact.name, null, null]]
        : [[c.id, 'redacted', id, null, null, null]];
    }),
  ]),
});

/** Every detail table's expected rows (live parents only), plus the typed fields of matters and contacts. */
export const expectedDetails = (store: SimStore): DetailCheck[] => {
  const docs = [...store.table('documents').ascending()].filter((d) => d.deleted_at === null);
  return [
    customFieldValues(store),
    contactCollection(
      store,
      'clio_contact_email_addresses',
      ['name', 'address', 'is_primary'],
      (c) => c.email_addresses,
      (e) => [e.name, e.address, e.primary],
    ),
    contactCollection(
      store,
      'clio_contact_phone_numbers',
      ['name', 'number', 'is_primary'],
      (c) => c.phone_numbers,
      (p) => [p.name, p.number, p.primary],
    ),
    contactCollection(
      store,
      'clio_contact_addresses',
      ['name', 'street', 'city', 'province', 'postal_code', 'country', 'is_primary'],
      (c) => c.addresses,
      (a) => [a.name, a.street, a.city, a.province, a.postal_code, a.country, a.primary],
    ),
    contactCollection(
      store,
      'clio_contact_web_sites',
      ['name', 'address', 'is_default'],
      (c) => c.web_sites,
      (w) => [w.name, w.address, w.default_web_site],
    ),
    calendarEntryAttendees(store),
    {
      name: 'clio_document_versions',
      table: 'clio_document_versions',
      columns: ['d.document_id', 'd.id', 'd.version_number', 'd.uuid', 'd.filename', 'd.size', 'd.content_type'],
      where: `d.is_latest and ${liveIn('clio_documents', 'document_id')}`,
      rows: docs.flatMap((d) => {
        const v = store.get('document_versions', d.latest_version_id);
        return v ? [[d.id, v.id, v.version_number, v.uuid, v.filename, v.size, v.content_type]] : [];
      }),
    },
    activityAmounts(store),
    {
      name: 'clio_matter_fields',
      table: 'clio_matter_fields',
      columns: [
        'matter_id',
        'status',
        'open_date',
        'pending_date',
        'close_date',
        'client_id',
        'practice_area_id',
        'practice_area_name',
        'responsible_attorney_id',
        'originating_attorney_id',
        'responsible_staff_id',
      ].map((c) => `d.${c}`),
      where: liveIn('clio_matters', 'matter_id'),
      rows: [...store.table('matters').ascending()].map((m) => [
        m.id,
        m.status,
        m.open_date,
        m.pending_date,
        m.close_date,
        m.client_id !== null && store.get('contacts', m.client_id) ? m.client_id : null,
        m.practice_area_id,
        store.lookups.practiceAreas.find((p) => p.id === m.practice_area_id)?.name ?? null,
        m.responsible_attorney_id,
        m.originating_attorney_id,
        m.responsible_staff_id,
      ]),
    },
    {
      name: 'clio_contact_fields',
      table: 'clio_contact_fields',
      columns: [
        'contact_id',
        'type',
        'first_name',
        'middle_name',
        'last_name',
        'title',
        'date_of_birth',
        'company_id',
      ].map((c) => `d.${c}`),
      where: liveIn('clio_contacts', 'contact_id'),
      rows: contactRows(store).map((c) => [
        c.id,
        c.type,
        c.first_name,
        c.middle_name,
        c.last_name,
        c.title,
        c.date_of_birth,
        c.company_id !== null && store.get('contacts', c.company_id) ? c.company_id : null,
      ]),
    },
    {
      name: 'relationships.fields',
      table: 'clio_relationships',
      columns: ['d.id', `d.data->>'description'`, 'd.matter_id', `d.data->'contact'->>'id'`],
      where: 'not d.is_soft_deleted',
      rows: relationshipRows(store),
    },
  ];
};
