import type { Resource } from '../store/resources';
import { ActivityModel } from './activity.models';
import { CalendarEntryModel } from './calendar-entry.models';
import { ContactModel } from './contact.models';
import { CustomFieldModel } from './custom-field.models';
import { DocumentModel, DocumentVersionModel, FolderModel } from './document.models';
import { MatterModel } from './matter.models';
import { NoteModel } from './note.models';
import { RelationshipModel } from './relationship.models';
import type { Model } from './model';
import { TaskModel } from './task.models';
import { UserModel } from './user.models';

/** The API model each store resource is served with. */
export const RESOURCE_MODELS: Readonly<Record<Resource, Model<never>>> = {
  matters: MatterModel as Model<never>,
  contacts: ContactModel as Model<never>,
  documents: DocumentModel as Model<never>,
  folders: FolderModel as Model<never>,
  document_versions: DocumentVersionModel as Model<never>,
  calendar_entries: CalendarEntryModel as Model<never>,
  tasks: TaskModel as Model<never>,
  activities: ActivityModel as Model<never>,
  users: UserModel as Model<never>,
  custom_fields: CustomFieldModel as Model<never>,
  notes: NoteModel as Model<never>,
  relationships: RelationshipModel as Model<never>,
};

/** Stored keys whose wire field is not simply the key or the key without `_id`. */
const SPECIAL: Readonly<Record<string, readonly string[]>> = {
  latest_version_id: ['latest_document_version', 'size', 'filename', 'content_type'],
  attendee_user_ids: ['attendees'],
  attendee_contact_ids: ['attendees'],
  group_ids: ['groups'],
  folder_id: ['folder'],
  company_id: ['company'],
  calendar_owner_id: ['calendar_owner_id', 'calendar_owner', 'calendars'],
  email_addresses: ['email_addresses', 'primary_email_address', 'secondary_email_address'],
  phone_numbers: ['phone_numbers', 'primary_phone_number', 'secondary_phone_number'],
  addresses: ['addresses', 'primary_address', 'secondary_address', 'primary_work_address'],
  web_sites: ['web_sites', 'primary_web_site'],
  author_id: ['author'],
};

/**
 * Wire field names affected by a change of stored keys (`StoreChange.changedFields`): `client_id` → `client_id`,
 * `client`; `parent_id` → `parent`; `latest_version_id` → `latest_document_version`, ... Used to decide whether a
 * webhook's watched fields changed.
 */
export const wireFieldsOf = (resource: Resource, keys: readonly string[]): string[] => {
  const fields = RESOURCE_MODELS[resource].fields;
  const out = new Set<string>();
  for (const key of keys) {
    const candidates = SPECIAL[key] ?? [key, ...(key.endsWith('_id') ? [key.slice(0, -3)] : [])];
    for (const c of candidates) if (c in fields) out.add(c);
  }
  return [...out];
};
