import { makeEtag } from '../store/hash';
import type { AddressRecord, EmailRecord, FirmLookups, Lookup, PhoneRecord, UserRecord } from '../store/records';
import type { Model, RenderEnv } from './model';
import { defineModel, isoTime, key, one, time, val } from './model';

type LookupKind =
  'practice_areas' | 'groups' | 'task_types' | 'activity_descriptions' | 'expense_categories' | 'document_categories';

const lookupEtag = (kind: string) => val<Lookup>((r) => makeEtag(kind, r.id, 0));
const founded = val<unknown>((_r, env: RenderEnv) => isoTime(env.store.lookups.createdAt));

/** The firm's currency (Currency_base); one per account here. */
export interface Currency {
  id: number;
  code: string;
  sign: string;
}
export const USD: Currency = { id: 1, code: 'USD', sign: '$' };

export const CurrencyModel: Model<Currency> = defineModel('Currency', {
  id: key('id'),
  etag: val((c) => makeEtag('currencies', c.id, 0)),
  code: key('code'),
  sign: key('sign'),
  created_at: founded,
  updated_at: founded,
});

/** `currency` field of matters, contacts, activities, ... */
export const currencyField = one(
  () => CurrencyModel,
  () => USD,
);

export const PracticeAreaModel: Model<FirmLookups['practiceAreas'][number]> = defineModel('PracticeArea', {
  id: key('id'),
  etag: lookupEtag('practice_areas'),
  created_at: founded,
  updated_at: founded,
  name: key('name'),
  category: key('category'),
  code: key('code'),
});

export const GroupModel: Model<FirmLookups['groups'][number]> = defineModel('Group', {
  id: key('id'),
  etag: lookupEtag('groups'),
  name: key('name'),
  type: key('type'),
  client_connect_user: val(() => false),
  updated_at: founded,
});

export const TaskTypeModel: Model<Lookup> = defineModel('TaskType', {
  id: key('id'),
  etag: lookupEtag('task_types'),
  name: key('name'),
  deleted_at: val(() => null),
  created_at: founded,
  updated_at: founded,
});

export const ActivityDescriptionModel: Model<Lookup> = defineModel('ActivityDescription', {
  id: key('id'),
  etag: lookupEtag('activity_descriptions'),
  name: key('name'),
  visible_to_co_counsel: val(() => false),
  created_at: founded,
  updated_at: founded,
  default: val((r) => r.id === 1),
  type: val(() => 'User'),
  utbms_activity_id: val(() => null),
  utbms_task_name: val(() => null),
  utbms_task_id: val(() => null),
  xero_service_code: val(() => null),
  accessible_to_user: val(() => true),
  category_type: val(() => 'billable'),
  currency: currencyField,
});

export const ExpenseCategoryModel: Model<Lookup> = defineModel('ExpenseCategory', {
  id: key('id'),
  etag: lookupEtag('expense_categories'),
  name: key('name'),
  rate: val((r) => 10 + (r.id % 5) * 15),
  entry_type: val(() => 'hard_cost'),
  created_at: founded,
  updated_at: founded,
  xero_expense_code: val(() => null),
  accessible_to_user: val(() => true),
  tax_setting: val(() => 'no_tax'),
  currency: currencyField,
});

export const DocumentCategoryModel: Model<Lookup> = defineModel('DocumentCategory', {
  id: key('id'),
  etag: lookupEtag('document_categories'),
  name: key('name'),
  created_at: founded,
  updated_at: founded,
});

export const AccountModel: Model<FirmLookups['account']> = defineModel('Account', {
  id: key('id'),
  etag: val((r) => makeEtag('account', r.id, 0)),
  name: key('name'),
  state: val(() => 'active'),
  created_at: founded,
  updated_at: founded,
});

/** A user's own calendar (UserCalendar); its id is the user's `default_calendar_id`. */
export const CalendarModel: Model<UserRecord> = defineModel('Calendar', {
  id: key('default_calendar_id'),
  etag: val((u) => makeEtag('calendars', u.default_calendar_id, 0)),
  color: val((u) => CALENDAR_COLORS[u.id % CALENDAR_COLORS.length]),
  light_color: val(() => '#5DA5C7'),
  court_rules_default_calendar: val(() => false),
  name: key('name'),
  permission: val(() => 'owner'),
  type: val(() => 'UserCalendar'),
  visible: val(() => true),
  created_at: time('created_at'),
  updated_at: time('updated_at'),
  source: val(() => 'web'),
});
const CALENDAR_COLORS = ['#367B9C', '#FFA5A4', '#83D17F', '#FFAC7B', '#8E3F64', '#C75300', '#009CEC'];

export const AddressModel: Model<AddressRecord> = defineModel('Address', {
  id: key('id'),
  etag: val((r) => makeEtag('addresses', r.id, r.updated_at)),
  street: key('street'),
  city: key('city'),
  province: key('province'),
  postal_code: key('postal_code'),
  country: key('country'),
  name: key('name'),
  created_at: time('created_at'),
  updated_at: time('updated_at'),
  primary: key('primary'),
});

export const EmailAddressModel: Model<EmailRecord> = defineModel('EmailAddress', {
  id: key('id'),
  etag: val((r) => makeEtag('email_addresses', r.id, r.updated_at)),
  address: key('address'),
  name: key('name'),
  primary: key('primary'),
  created_at: time('created_at'),
  updated_at: time('updated_at'),
});

export const PhoneNumberModel: Model<PhoneRecord> = defineModel('PhoneNumber', {
  id: key('id'),
  etag: val((r) => makeEtag('phone_numbers', r.id, r.updated_at)),
  number: key('number'),
  name: key('name'),
  primary: key('primary'),
  created_at: time('created_at'),
  updated_at: time('updated_at'),
});

/** Find a lookup row by id (`undefined` when missing or null). */
export const lookupById = <L extends Lookup>(rows: readonly L[], id: number | null): L | undefined =>
  id === null ? undefined : rows.find((r) => r.id === id);

export type { LookupKind };
