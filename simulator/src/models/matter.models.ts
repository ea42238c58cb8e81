import type { MatterRecord } from '../store/records';
import { Resource } from '../store/resources';
import type { Model } from './model';
import { defineModel, key, many, one, stubArray, stubObject, time, val } from './model';
import { ContactModel } from './contact.models';
import { CustomFieldValueModel } from './custom-field.models';
import { FolderBaseModel } from './folder-base.models';
import { GroupModel, PracticeAreaModel, lookupById, currencyField } from './lookup.models';
import { UserModel } from './user.models';
import { RelationshipBaseModel } from './relationship.models';
import { lastActivityDateByMatter, mattersWithTasks, relationshipsByMatter } from './derived';

const user = (k: 'responsible_attorney_id' | 'responsible_staff_id' | 'originating_attorney_id') =>
  one(
    () => UserModel,
    (m: MatterRecord, env) => (m[k] === null ? undefined : env.store.get(Resource.Users, m[k])),
    [Resource.Users],
  );

const slug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/(^-|-$)/g, '')
    .slice(0, 24);

export const MatterModel: Model<MatterRecord> = defineModel('Matter', {
  id: key('id'),
  etag: key('etag'),
  number: key('number'),
  display_number: key('display_number'),
  custom_number: key('custom_number'),
  currency: currencyField,
  description: key('description'),
  status: key('status'),
  location: key('location'),
  client_reference: key('client_reference'),
  client_id: key('client_id'),
  billable: key('billable'),
  maildrop_address: val((m) => `${slug(m.display_number)}-${m.id}@maildrop.clio.com`),
  billing_method: key('billing_method'),
  open_date: key('open_date'),
  close_date: key('close_date'),
  pending_date: key('pending_date'),
  created_at: time('created_at'),
  updated_at: time('updated_at'),
  shared: val(() => false),
  has_tasks: { kind: 'value', get: (m, env) => mattersWithTasks(env.store).has(m.id) },
  last_activity_date: { kind: 'value', get: (m, env) => lastActivityDateByMatter(env.store).get(m.id) ?? null },
  matter_stage_updated_at: val(() => null),
  client: one(
    () => ContactModel,
    (m, env) => (m.client_id === null ? undefined : env.store.get(Resource.Contacts, m.client_id)),
    [Resource.Contacts],
  ),
  contingency_fee: stubObject,
  custom_rate: stubObject,
  evergreen_retainer: stubObject,
  folder: one(
    () => FolderBaseModel,
    (m, env) => (m.folder_id === null ? undefined : env.store.get(Resource.Folders, m.folder_id)),
    [Resource.Folders],
  ),
  group: one(
    () => GroupModel,
    (m, env) => lookupById(env.store.lookups.groups, m.group_id),
  ),
  matter_budget: stubObject,
  matter_stage: stubObject,
  originating_attorney: user('originating_attorney_id'),
  practice_area: one(
    () => PracticeAreaModel,
    (m, env) => lookupById(env.store.lookups.practiceAreas, m.practice_area_id),
  ),
  responsible_attorney: user('responsible_attorney_id'),
  responsible_staff: user('responsible_staff_id'),
  statute_of_limitations: stubObject,
  user: user('responsible_attorney_id'),
  legal_aid_uk_matter: stubObject,
  account_balances: stubArray,
  custom_field_values: many(
    () => CustomFieldValueModel,
    (m) => m.custom_field_values,
    [Resource.CustomFields],
  ),
  custom_field_set_associations: stubArray,
  matter_bill_recipients: stubArray,
  relationships: many(
    () => RelationshipBaseModel,
    (m, env) => relationshipsByMatter(env.store).get(m.id) ?? [],
    [Resource.Relationships],
  ),
  task_template_list_instances: stubArray,
  split_invoice_payers: stubArray,
});
