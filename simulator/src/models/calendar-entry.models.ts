import type { CalendarEntryRecord } from '../store/records';
import { Resource } from '../store/resources';
import type { Model, RenderEnv } from './model';
import { defineModel, key, many, one, stubArray, stubObject, time, val } from './model';
import { MatterModel } from './matter.models';
import { CalendarModel } from './lookup.models';
import { AttendeeModel, attendeesOf } from './attendee.models';
import { timeEntriesByCalendarEntry } from './derived';

const owner = (c: CalendarEntryRecord, env: RenderEnv) => env.store.get(Resource.Users, c.calendar_owner_id);

/** Calendar entry ids are strings on the wire (Clio's OpenAPI: `CalendarEntry.id: string`). */
export const CalendarEntryModel: Model<CalendarEntryRecord> = defineModel('CalendarEntry', {
  id: val((c) => String(c.id)),
  etag: key('etag'),
  summary: key('summary'),
  description: key('description'),
  location: key('location'),
  start_at: time('start_at'),
  end_at: time('end_at'),
  all_day: key('all_day'),
  recurrence_rule: key('recurrence_rule'),
  parent_calendar_entry_id: key('parent_calendar_entry_id'),
  court_rule: key('court_rule'),
  created_at: time('created_at'),
  updated_at: time('updated_at'),
  permission: key('permission'),
  calendar_owner_id: key('calendar_owner_id'),
  start_at_time_zone: key('start_at_time_zone'),
  time_entries_count: { kind: 'value', get: (c, env) => timeEntriesByCalendarEntry(env.store).get(c.id) ?? 0 },
  time_entries: stubArray,
  conference_meeting: stubObject,
  matter: one(
    () => MatterModel,
    (c, env) => (c.matter_id === null ? undefined : env.store.get(Resource.Matters, c.matter_id)),
    [Resource.Matters],
  ),
  matter_docket: stubObject,
  calendar_owner: one(() => CalendarModel, owner, [Resource.Users]),
  parent_calendar_entry: one(
    () => CalendarEntryModel,
    (c, env) =>
      c.parent_calendar_entry_id === null
        ? undefined
        : env.store.get(Resource.CalendarEntries, c.parent_calendar_entry_id),
    [Resource.CalendarEntries],
  ),
  calendar_entry_event_type: stubObject,
  attendees: many(() => AttendeeModel, attendeesOf, [Resource.Users, Resource.Contacts]),
  calendars: many(
    () => CalendarModel,
    (c, env) => {
      const u = owner(c, env);
      return u ? [u] : [];
    },
    [Resource.Users],
  ),
  reminders: stubArray,
  external_properties: stubArray,
});
