import type { ClioEntityType } from '../entity-types';
import { customFieldValues } from './custom-field-values';
import type { DetailSpec } from './detail-spec';
import { contactFields, matterFields } from './record-fields';
import {
  activityAmounts,
  calendarEntryAttendees,
  contactAddresses,
  contactEmailAddresses,
  contactPhoneNumbers,
  contactWebSites,
  documentVersions,
} from './record-details';

/** The detail tables of each entity type, derived from its records' nested data. */
export const DETAILS: Readonly<Partial<Record<ClioEntityType, readonly DetailSpec[]>>> = {
  matters: [matterFields, customFieldValues('Matter')],
  contacts: [
    contactFields,
    customFieldValues('Contact'),
    contactEmailAddresses,
    contactPhoneNumbers,
    contactAddresses,
    contactWebSites,
  ],
  calendar_entries: [calendarEntryAttendees],
  documents: [documentVersions],
  activities: [activityAmounts],
};
