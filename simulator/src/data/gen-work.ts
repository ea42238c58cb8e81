import { Resource } from '../store/resources';
import type { GenContext } from './gen-context';
import { DAY, isoDate, sec } from './gen-context';
import {
  ACTIVITY_DESCRIPTIONS,
  ACTIVITY_NOTES,
  EVENT_SUMMARIES,
  EXPENSE_CATEGORIES,
  TASK_NAMES,
  TASK_TYPES,
} from './vocab';

const HOUR = 3_600_000;

/**
 * Every third event of a matter invites the matter's client (a contact attendee). Derived without the random
 * stream, so adding contact attendees left every other generated value as it was.
 */
const clientAttendee = (g: GenContext, matterId: number | null, i: number): number[] => {
  const client = matterId === null || i % 3 !== 0 ? null : (g.store.get(Resource.Matters, matterId)?.client_id ?? null);
  return client === null ? [] : [client];
};

export const generateCalendarEntries = (g: GenContext): void => {
  const rng = g.rng('calendar_entries');
  const n = g.counts.calendar_entries;
  const users = g.store.table(Resource.Users).size;
  const matters = g.store.table(Resource.Matters).size;
  for (let i = 0; i < n; i++) {
    const created = g.createdAt(rng, i, n, g.founded + 60 * DAY);
    const allDay = rng.bool(0.15);
    // Most events are scheduled within a few weeks after creation; some up to a year ahead (past the anchor).
    const startDay = Math.floor((created + rng.int(0, rng.bool(0.9) ? 40 : 365) * DAY) / DAY) * DAY;
    const start = allDay ? startDay : startDay + rng.int(8, 17) * HOUR + rng.pick([0, 15, 30, 45]) * 60_000;
    const end = allDay ? start + DAY : start + rng.pick([15, 30, 60, 90, 120, 240]) * 60_000;
    const owner = rng.int(1, Math.max(1, users));
    const attendees = [owner];
    if (users > 1 && rng.bool(0.4)) attendees.push(rng.int(1, users));
    const entry = {
      summary: rng.pick(EVENT_SUMMARIES),
      description: rng.bool(0.5) ? 'Bring the file and the latest correspondence.' : null,
      location: rng.bool(0.4) ? rng.pick(['Courtroom 4B', 'Main office', 'Zoom', 'Client site']) : null,
      start_at: start,
      end_at: end,
      all_day: allDay,
      recurrence_rule: rng.bool(0.04)
        ? rng.pick(['FREQ=WEEKLY;INTERVAL=1;COUNT=6', 'FREQ=MONTHLY;INTERVAL=1;COUNT=12'])
        : null,
      parent_calendar_entry_id: null,
      court_rule: rng.bool(0.03),
      permission: 'owner' as const,
      calendar_owner_id: owner,
      start_at_time_zone: 'UTC',
      matter_id: matters > 0 && rng.bool(0.7) ? 1 + rng.skewed(matters, 1.5) : null,
      attendee_user_ids: [...new Set(attendees)],
      created_at: created,
      updated_at: g.updatedAt(rng, created),
    };
    g.store.seed(Resource.CalendarEntries, {
      ...entry,
      attendee_contact_ids: clientAttendee(g, entry.matter_id, i),
    });
  }
};

export const generateTasks = (g: GenContext): void => {
  const rng = g.rng('tasks');
  const n = g.counts.tasks;
  const users = Math.max(1, g.store.table(Resource.Users).size);
  const matters = g.store.table(Resource.Matters).size;
  for (let i = 0; i < n; i++) {
    const created = g.createdAt(rng, i, n, g.founded + 60 * DAY);
    const status = rng.weighted([
      ['pending', 45],
      ['in_progress', 15],
      ['in_review', 5],
      ['complete', 35],
    ] as const);
    const updated = g.updatedAt(rng, created);
    g.store.seed(Resource.Tasks, {
      name: rng.pick(TASK_NAMES),
      status,
      description: rng.bool(0.5) ? 'See matter notes for details.' : null,
      description_text_type: 'plain_text',
      priority: rng.weighted([
        ['Normal', 70],
        ['High', 20],
        ['Low', 10],
      ] as const),
      due_at: rng.bool(0.85) ? isoDate(created + rng.int(1, 60) * DAY) : null,
      permission: rng.bool(0.9) ? 'public' : 'private',
      completed_at: status === 'complete' ? updated : null,
      notify_completion: rng.bool(0.2),
      statute_of_limitations: rng.bool(0.03),
      time_estimated: rng.bool(0.3) ? rng.int(1, 16) * 900 : null,
      matter_id: matters > 0 && rng.bool(0.85) ? 1 + rng.skewed(matters, 1.5) : null,
      assignee_id: rng.int(1, users),
      assigner_id: rng.int(1, users),
      task_type_id: rng.bool(0.7) ? rng.int(1, TASK_TYPES.length) : null,
      created_at: created,
      updated_at: updated,
    });
  }
};

export const generateActivities = (g: GenContext): void => {
  const rng = g.rng('activities');
  const n = g.counts.activities;
  const userTable = g.store.table(Resource.Users);
  const users = Math.max(1, userTable.size);
  const matters = g.store.table(Resource.Matters).size;
  const tasks = g.store.table(Resource.Tasks).size;
  const events = g.store.table(Resource.CalendarEntries).size;
  for (let i = 0; i < n; i++) {
    const created = g.createdAt(rng, i, n, g.founded + 60 * DAY);
    const type = rng.weighted([
      ['TimeEntry', 80],
      ['ExpenseEntry', 12],
      ['HardCostEntry', 5],
      ['SoftCostEntry', 3],
    ] as const);
    const isTime = type === 'TimeEntry';
    const userId = rng.int(1, users);
    const billed = created < g.anchor - 45 * DAY && rng.bool(0.7);
    const nonBillable = rng.bool(0.08);
    g.store.seed(Resource.Activities, {
      type,
      date: isoDate(created - rng.int(0, 3) * DAY),
      quantity: isTime ? rng.int(1, 48) * 360 : rng.int(1, 20),
      price: isTime ? (userTable.get(userId)?.rate ?? 250) : rng.int(5, 500),
      note: isTime ? rng.pick(ACTIVITY_NOTES) : rng.pick(EXPENSE_CATEGORIES),
      flat_rate: rng.bool(0.03),
      billed,
      on_bill: billed,
      non_billable: nonBillable,
      no_charge: rng.bool(0.02),
      contingency_fee: false,
      tax_setting: 'no_tax',
      reference: rng.bool(0.05) ? `INV-${rng.int(1000, 9999)}` : null,
      matter_id: matters > 0 && rng.bool(0.97) ? 1 + rng.skewed(matters, 1.8) : null,
      user_id: userId,
      activity_description_id: isTime && rng.bool(0.6) ? rng.int(1, ACTIVITY_DESCRIPTIONS.length) : null,
      expense_category_id: !isTime && rng.bool(0.8) ? rng.int(1, EXPENSE_CATEGORIES.length) : null,
      task_id: tasks > 0 && rng.bool(0.05) ? rng.int(1, tasks) : null,
      calendar_entry_id: events > 0 && rng.bool(0.03) ? rng.int(1, events) : null,
      created_at: created,
      updated_at: sec(billed ? Math.max(g.updatedAt(rng, created), created) : created),
    });
  }
};
