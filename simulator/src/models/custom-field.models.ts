import { makeEtag } from '../store/hash';
import type { CustomFieldRecord, CustomFieldValueRecord, MatterRecord, PicklistOptionRecord } from '../store/records';
import { Resource } from '../store/resources';
import type { Model, RenderEnv } from './model';
import { defineModel, key, many, one, time, val } from './model';
import { ContactBaseModel } from './contact-base.models';

export const PicklistOptionModel: Model<PicklistOptionRecord> = defineModel('PicklistOption', {
  id: key('id'),
  etag: val((r) => makeEtag('picklist_options', r.id, r.updated_at)),
  created_at: time('created_at'),
  updated_at: time('updated_at'),
  option: key('option'),
  deleted_at: time('deleted_at'),
});

export const CustomFieldModel: Model<CustomFieldRecord> = defineModel('CustomField', {
  id: key('id'),
  etag: key('etag'),
  created_at: time('created_at'),
  updated_at: time('updated_at'),
  name: key('name'),
  parent_type: key('parent_type'),
  field_type: key('field_type'),
  displayed: key('displayed'),
  deleted: key('deleted'),
  required: key('required'),
  display_order: key('display_order'),
  picklist_options: many(
    () => PicklistOptionModel,
    (r) => r.picklist_options,
  ),
});

const fieldOf = (v: CustomFieldValueRecord, env: RenderEnv): CustomFieldRecord | undefined =>
  env.store.get(Resource.CustomFields, v.custom_field_id);

const fromField = <K extends keyof CustomFieldRecord>(k: K) =>
  val<CustomFieldValueRecord>((v, env) => (fieldOf(v, env)?.[k] ?? null) as string | number | boolean | null);

/** Matter selected by a `matter`-type custom field value (CustomFieldMatterSelection: id + display_number). */
export const CustomFieldMatterSelectionModel: Model<MatterRecord> = defineModel('CustomFieldMatterSelection', {
  id: key('id'),
  display_number: key('display_number'),
});

/** Wire id of a custom field value: `<field_type>-<id>` (e.g. `text_line-1`). */
export const customFieldValueId = (v: CustomFieldValueRecord, env: RenderEnv): string =>
  `${fieldOf(v, env)?.field_type ?? 'unknown'}-${v.id}`;

const refId = (v: CustomFieldValueRecord): number | null => (v.value === null ? null : Number(v.value));

export const CustomFieldValueModel: Model<CustomFieldValueRecord> = defineModel('CustomFieldValue', {
  id: val(customFieldValueId),
  etag: val((v) => makeEtag('custom_field_values', v.id, v.updated_at)),
  field_name: fromField('name'),
  created_at: time('created_at'),
  updated_at: time('updated_at'),
  field_type: fromField('field_type'),
  field_required: fromField('required'),
  field_displayed: fromField('displayed'),
  field_display_order: fromField('display_order'),
  value: key('value'),
  soft_deleted: val((v, env) => fieldOf(v, env)?.deleted ?? false),
  custom_field: one(() => CustomFieldModel, fieldOf),
  picklist_option: one(
    () => PicklistOptionModel,
    (v, env) => fieldOf(v, env)?.picklist_options.find((o) => o.id === v.picklist_option_id),
  ),
  matter: one(
    () => CustomFieldMatterSelectionModel,
    (v, env) => (fieldOf(v, env)?.field_type === 'matter' ? env.store.get(Resource.Matters, refId(v) ?? 0) : undefined),
    [Resource.Matters],
  ),
  contact: one(
    () => ContactBaseModel,
    (v, env) =>
      fieldOf(v, env)?.field_type === 'contact' ? env.store.get(Resource.Contacts, refId(v) ?? 0) : undefined,
    [Resource.Contacts],
  ),
});

/** Every field of a custom field value reads the custom field definition. */
export const CUSTOM_FIELD_VALUE_DEPS = [Resource.CustomFields] as const;
