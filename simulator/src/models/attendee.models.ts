import type { CalendarEntryRecord, ContactRecord, UserRecord } from '../store/records';
import { Resource } from '../store/resources';
import { contactNestedView, nth } from './contact-base.models';
import type { Model, RenderEnv } from './model';
import { defineModel, isoTime, val } from './model';

/**
 * A calendar entry attendee (Clio's `Attendee`): a user's calendar (`type: Calendar`, the id is the calendar's) or
 * an invited contact (`type: Contact`, the id is the contact's). Ids are unique per type only.
 */
export type Attendee =
  { type: 'Calendar'; id: number; user: UserRecord } | { type: 'Contact'; id: number; contact: ContactRecord };

/** The attendees of an entry: its users' calendars, then its contacts (a deleted one left out). */
export const attendeesOf = (c: CalendarEntryRecord, env: RenderEnv): Attendee[] => [
  ...c.attendee_user_ids.flatMap((id): Attendee[] => {
    const user = env.store.get(Resource.Users, id);
    return user ? [{ type: 'Calendar', id: user.default_calendar_id, user }] : [];
  }),
  ...c.attendee_contact_ids.flatMap((id): Attendee[] => {
    const contact = env.store.get(Resource.Contacts, id);
    return contact ? [{ type: 'Contact', id, contact }] : [];
  }),
];

const of = <K extends keyof UserRecord & keyof ContactRecord>(a: Attendee, k: K) =>
  a.type === 'Calendar' ? a.user[k] : a.contact[k];

/**
 * Clio's `Attendee_base`: `enabled` is the user's (null for a contact), `email` the user's or the contact's primary
 * address. A contact the viewer may not see (Contacts Visibility) is `{"id":…,"redacted":true}`, as every nested
 * contact is; users' calendars are not subject to it.
 */
export const AttendeeModel: Model<Attendee> = {
  ...defineModel<Attendee>('Attendee', {
    id: val((a) => a.id),
    etag: val((a) => of(a, 'etag')),
    type: val((a) => a.type),
    name: val((a) => of(a, 'name')),
    enabled: val((a) => (a.type === 'Calendar' ? a.user.enabled : null)),
    email: val((a) =>
      a.type === 'Calendar' ? a.user.email : (nth(a.contact.email_addresses, false)?.address ?? null),
    ),
    created_at: val((a) => isoTime(of(a, 'created_at'))),
    updated_at: val((a) => isoTime(of(a, 'updated_at'))),
  }),
  nestedView: (a, env) => (a.type === 'Contact' ? contactNestedView(a.contact, env) : 'full'),
};
