import type { ActivityRecord } from '../store/records';
import { Resource } from '../store/resources';
import type { Model } from './model';
import { defineModel, key, one, stubObject, time, val } from './model';
import { MatterModel } from './matter.models';
import { ActivityDescriptionModel, ExpenseCategoryModel, lookupById, currencyField } from './lookup.models';
import { UserModel } from './user.models';
import { CalendarEntryModel } from './calendar-entry.models';
import { TaskModel } from './task.models';
import { redactActivity } from './activity-visibility';

const isTime = (a: ActivityRecord): boolean => a.type === 'TimeEntry';
/** Hours for time entries (quantity is seconds since 4.0.4); units for expenses. */
const hours = (a: ActivityRecord): number => (isTime(a) ? Math.round((a.quantity / 3600) * 100) / 100 : a.quantity);
const roundedHours = (a: ActivityRecord): number => (isTime(a) ? Math.ceil(a.quantity / 360) / 10 : a.quantity);
/** Billed amount of an activity (price × rounded hours, or × quantity for expenses; 0 when no charge). */
export const activityTotal = (a: ActivityRecord): number =>
  a.no_charge ? 0 : Math.round(a.price * roundedHours(a) * 100) / 100;

export const ActivityModel: Model<ActivityRecord> = {
  ...defineModel<ActivityRecord>('Activity', {
    id: key('id'),
    etag: key('etag'),
    type: key('type'),
    date: key('date'),
    quantity_in_hours: val(hours),
    rounded_quantity_in_hours: val(roundedHours),
    quantity: key('quantity'),
    rounded_quantity: val((a) => (isTime(a) ? Math.ceil(a.quantity / 360) * 360 : a.quantity)),
    quantity_redacted: val(() => false),
    price: key('price'),
    note: key('note'),
    flat_rate: key('flat_rate'),
    billed: key('billed'),
    on_bill: key('on_bill'),
    total: val((a) => (a.non_billable ? 0 : activityTotal(a))),
    contingency_fee: key('contingency_fee'),
    created_at: time('created_at'),
    updated_at: time('updated_at'),
    reference: key('reference'),
    non_billable: key('non_billable'),
    non_billable_total: val((a) => (a.non_billable ? activityTotal(a) : 0)),
    no_charge: key('no_charge'),
    tax_setting: key('tax_setting'),
    currency: currencyField,
    activity_description: one(
      () => ActivityDescriptionModel,
      (a, env) => lookupById(env.store.lookups.activityDescriptions, a.activity_description_id),
    ),
    expense_category: one(
      () => ExpenseCategoryModel,
      (a, env) => lookupById(env.store.lookups.expenseCategories, a.expense_category_id),
    ),
    bill: stubObject,
    communication: stubObject,
    client_portal: stubObject,
    matter: one(
      () => MatterModel,
      (a, env) => (a.matter_id === null ? undefined : env.store.get(Resource.Matters, a.matter_id)),
      [Resource.Matters],
    ),
    matter_note: stubObject,
    contact_note: stubObject,
    subject: stubObject,
    timer: stubObject,
    user: one(
      () => UserModel,
      (a, env) => env.store.get(Resource.Users, a.user_id),
      [Resource.Users],
    ),
    utbms_expense: stubObject,
    vendor: stubObject,
    calendar_entry: one(
      () => CalendarEntryModel,
      (a, env) =>
        a.calendar_entry_id === null ? undefined : env.store.get(Resource.CalendarEntries, a.calendar_entry_id),
      [Resource.CalendarEntries],
    ),
    task: one(
      () => TaskModel,
      (a, env) => (a.task_id === null ? undefined : env.store.get(Resource.Tasks, a.task_id)),
      [Resource.Tasks],
    ),
    text_message_conversation: stubObject,
    document_version: stubObject,
    legal_aid_uk_activity: stubObject,
  }),
  redact: redactActivity,
};
