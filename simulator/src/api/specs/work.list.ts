import type { ActivityRecord, CalendarEntryRecord, TaskRecord } from '../../store/records';
import { Resource } from '../../store/resources';
import { ActivityModel, activityTotal } from '../../models/activity.models';
import { CalendarEntryModel } from '../../models/calendar-entry.models';
import { TaskModel } from '../../models/task.models';
import type { ListSpec } from '../list-spec';
import { badRequest } from '../api-error';
import { boolParam, dateParam, enumParam, intParam, listParam, timeParam } from '../query-params';
import { boolEq, intEq, oneOf, textQuery } from './filter-helpers';

export const CALENDAR_ENTRIES_LIST: ListSpec<CalendarEntryRecord> = {
  operation: 'GET /calendar_entries.json',
  resource: Resource.CalendarEntries,
  model: CalendarEntryModel,
  filters: {
    matter_id: intEq('matter_id', 'matter_id'),
    calendar_id: (values, store) => {
      const cal = intParam('calendar_id', values[0]);
      return (c) => store.get(Resource.Users, c.calendar_owner_id)?.default_calendar_id === cal;
    },
    from: (values) => {
      const t = timeParam('from', values[0]);
      return (c) => c.end_at >= t;
    },
    to: (values) => {
      const t = timeParam('to', values[0]);
      return (c) => c.start_at <= t;
    },
    is_all_day: boolEq('is_all_day', (c) => c.all_day),
    has_court_rule: boolEq('has_court_rule', (c) => c.court_rule),
    visible: (values) => (boolParam('visible', values[0]) ? undefined : () => false),
    source: (values) =>
      enumParam('source', values[0], ['web', 'mobile'] as const) === 'web' ? undefined : () => false,
    // One record per occurrence is not simulated: recurring entries are listed once either way.
    expanded: (values) => void boolParam('expanded', values[0]),
    owner_entries_across_all_users: (values, _s, q) => {
      if (boolParam('owner_entries_across_all_users', values[0]) && !q.has('matter_id')) {
        throw badRequest('owner_entries_across_all_users requires matter_id');
      }
      return undefined;
    },
    query: textQuery((c) => [c.summary, c.description, c.location]),
  },
};

const TASK_STATUSES = ['pending', 'in_progress', 'in_review', 'complete'] as const;

export const TASKS_LIST: ListSpec<TaskRecord> = {
  operation: 'GET /tasks.json',
  resource: Resource.Tasks,
  model: TaskModel,
  filters: {
    matter_id: intEq('matter_id', 'matter_id'),
    client_id: (values, store) => {
      const id = intParam('client_id', values[0]);
      return (t) => t.matter_id !== null && store.get(Resource.Matters, t.matter_id)?.client_id === id;
    },
    assignee_id: (values, _s, q) => {
      if (!q.has('assignee_type')) throw badRequest('assignee_type is required with assignee_id');
      const id = intParam('assignee_id', values[0]);
      const type = enumParam('assignee_type', q.get('assignee_type') as string, ['user', 'contact'] as const);
      return (t) => type === 'user' && t.assignee_id === id;
    },
    assignee_type: (values) => void enumParam('assignee_type', values[0], ['user', 'contact'] as const),
    assigner_id: intEq('assigner_id', 'assigner_id'),
    status: oneOf('status', TASK_STATUSES, (t) => t.status),
    'statuses[]': oneOf('statuses[]', TASK_STATUSES, (t) => t.status),
    complete: boolEq('complete', (t) => t.status === 'complete'),
    due_at_from: (values) => {
      const d = dateParam('due_at_from', values[0]);
      return (t) => t.due_at !== null && t.due_at >= d;
    },
    due_at_to: (values) => {
      const d = dateParam('due_at_to', values[0]);
      return (t) => t.due_at !== null && t.due_at <= d;
    },
    due_at_present: boolEq('due_at_present', (t) => t.due_at !== null),
    priority: oneOf('priority', ['high', 'normal', 'low'], (t) => t.priority),
    permission: oneOf('permission', ['private', 'public'], (t) => t.permission),
    statute_of_limitations: boolEq('statute_of_limitations', (t) => t.statute_of_limitations),
    task_type_id: intEq('task_type_id', 'task_type_id'),
    responsible_attorney_id: (values, store) => {
      const id = intParam('responsible_attorney_id', values[0]);
      return (t) => t.matter_id !== null && store.get(Resource.Matters, t.matter_id)?.responsible_attorney_id === id;
    },
    query: textQuery((t) => [t.name, t.description]),
  },
  orders: {
    name: (t) => t.name,
    due_at: (t) => t.due_at,
    // Clio's strict variant differs only in where tasks without a due date go; here both put them last.
    due_at_strict: (t) => t.due_at,
    priority: (t) => ['High', 'Normal', 'Low'].indexOf(t.priority),
    completed_at: (t) => t.completed_at,
    'matter.display_number': (t, store) =>
      t.matter_id === null ? null : (store.get(Resource.Matters, t.matter_id)?.display_number ?? null),
    'task_type.name': (t, store) => store.lookups.taskTypes.find((x) => x.id === t.task_type_id)?.name ?? null,
  },
};

const ACTIVITY_STATUS = ['billed', 'draft', 'unbilled', 'non_billable', 'billable', 'written_off'] as const;
const activityStatus: Record<(typeof ACTIVITY_STATUS)[number], (a: ActivityRecord) => boolean> = {
  billed: (a) => a.billed,
  draft: (a) => a.on_bill && !a.billed,
  unbilled: (a) => !a.billed && !a.non_billable,
  non_billable: (a) => a.non_billable,
  billable: (a) => !a.non_billable,
  written_off: () => false,
};

export const ACTIVITIES_LIST: ListSpec<ActivityRecord> = {
  operation: 'GET /activities.json',
  resource: Resource.Activities,
  model: ActivityModel,
  filters: {
    matter_id: intEq('matter_id', 'matter_id'),
    user_id: intEq('user_id', 'user_id'),
    task_id: intEq('task_id', 'task_id'),
    calendar_entry_id: intEq('calendar_entry_id', 'calendar_entry_id'),
    activity_description_id: intEq('activity_description_id', 'activity_description_id'),
    expense_category_id: intEq('expense_category_id', 'expense_category_id'),
    type: oneOf('type', ['TimeEntry', 'ExpenseEntry', 'HardCostEntry', 'SoftCostEntry'], (a) => a.type),
    status: (values) => {
      const tests = listParam(values).map((v) => activityStatus[enumParam('status', v, ACTIVITY_STATUS)]);
      return (a) => tests.some((t) => t(a));
    },
    start_date: (values) => {
      const d = dateParam('start_date', values[0]);
      return (a) => a.date >= d;
    },
    end_date: (values) => {
      const d = dateParam('end_date', values[0]);
      return (a) => a.date <= d;
    },
    flat_rate: boolEq('flat_rate', (a) => a.flat_rate),
    query: textQuery((a) => [a.note, a.reference]),
  },
  orders: {
    date: (a) => a.date,
    updated_at: (a) => a.updated_at,
    price: (a) => a.price,
    type: (a) => a.type,
    note: (a) => a.note,
    non_billable: (a) => (a.non_billable ? 1 : 0),
    'user.name': (a, store) => store.get(Resource.Users, a.user_id)?.name ?? null,
    display_number: (a, store) =>
      a.matter_id === null ? null : (store.get(Resource.Matters, a.matter_id)?.display_number ?? null),
    total: (a) => (a.non_billable ? 0 : activityTotal(a)),
    non_billable_total: (a) => (a.non_billable ? activityTotal(a) : 0),
    'expense_category.name': (a, store) =>
      store.lookups.expenseCategories.find((x) => x.id === a.expense_category_id)?.name ?? null,
    // The simulator keeps no vendors: every activity sorts as having none (then by id).
    'vendor.name': () => null,
  },
};
