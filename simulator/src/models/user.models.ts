import type { UserRecord } from '../store/records';
import type { Model } from './model';
import { defineModel, key, many, one, stubArray, stubObject, time, val } from './model';
import { AccountModel, GroupModel } from './lookup.models';

const userScalars = {
  account_owner: key<UserRecord>('account_owner'),
  clio_connect: key<UserRecord>('clio_connect'),
  court_rules_default_attendee: key<UserRecord>('court_rules_default_attendee'),
  created_at: time<UserRecord>('created_at'),
  default_calendar_id: key<UserRecord>('default_calendar_id'),
  email: key<UserRecord>('email'),
  enabled: key<UserRecord>('enabled'),
  etag: key<UserRecord>('etag'),
  first_name: key<UserRecord>('first_name'),
  id: key<UserRecord>('id'),
  initials: key<UserRecord>('initials'),
  last_name: key<UserRecord>('last_name'),
  name: key<UserRecord>('name'),
  phone_number: key<UserRecord>('phone_number'),
  rate: key<UserRecord>('rate'),
  roles: val<UserRecord>((u) => [...u.roles]),
  subscription_type: key<UserRecord>('subscription_type'),
  time_zone: key<UserRecord>('time_zone'),
  updated_at: time<UserRecord>('updated_at'),
};

export const UserModel: Model<UserRecord> = defineModel('User', {
  ...userScalars,
  default_activity_description: stubObject,
  notification_methods: stubArray,
  account: one(
    () => AccountModel,
    (_u, env) => env.store.lookups.account,
  ),
  avatar: stubObject,
  contact: stubObject,
  job_title: stubObject,
  groups: many(
    () => GroupModel,
    (u, env) => env.store.lookups.groups.filter((g) => u.group_ids.includes(g.id)),
  ),
});

/** `creator` of documents/folders/versions (ClioCreator): a user plus `type`. */
export const ClioCreatorModel: Model<UserRecord> = defineModel('ClioCreator', {
  ...userScalars,
  type: val(() => 'ManageUser'),
});

/** Task assignee (Participant): here always a user. */
export const ParticipantModel: Model<UserRecord> = defineModel('Participant', {
  id: key('id'),
  etag: key('etag'),
  created_at: time('created_at'),
  updated_at: time('updated_at'),
  type: val(() => 'User'),
  identifier: key('email'),
  secondary_identifier: val(() => null),
  enabled: key('enabled'),
  name: key('name'),
  initials: key('initials'),
  job_title_name: val(() => null),
  avatar: stubObject,
});
