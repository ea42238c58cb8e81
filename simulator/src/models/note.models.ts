import type { NoteRecord } from '../store/records';
import { Resource } from '../store/resources';
import type { Model } from './model';
import { defineModel, key, one, stubArray, time, val } from './model';
import { ContactModel } from './contact.models';
import { MatterModel } from './matter.models';
import { UserModel } from './user.models';

/** Clio's `Note`: a matter note or a contact note (`type`), with its author. */
export const NoteModel: Model<NoteRecord> = defineModel('Note', {
  id: key('id'),
  etag: key('etag'),
  type: key('type'),
  subject: key('subject'),
  detail: key('detail'),
  detail_text_type: key('detail_text_type'),
  date: key('date'),
  created_at: time('created_at'),
  updated_at: time('updated_at'),
  time_entries_count: val(() => 0),
  matter: one(
    () => MatterModel,
    (n, env) => (n.matter_id === null ? undefined : env.store.get(Resource.Matters, n.matter_id)),
    [Resource.Matters],
  ),
  contact: one(
    () => ContactModel,
    (n, env) => (n.contact_id === null ? undefined : env.store.get(Resource.Contacts, n.contact_id)),
    [Resource.Contacts],
  ),
  author: one(
    () => UserModel,
    (n, env) => (n.author_id === null ? undefined : env.store.get(Resource.Users, n.author_id)),
    [Resource.Users],
  ),
  time_entries: stubArray,
  notification_event_subscribers: stubArray,
});
