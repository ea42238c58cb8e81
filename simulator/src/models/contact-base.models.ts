import type { ContactRecord } from '../store/records';
import type { RowView } from '../access/viewer';
import type { FieldDef, Model, RenderEnv } from './model';
import { defineModel, key, time, val } from './model';
import { currencyField } from './lookup.models';

/** The primary entry (else the first), or with `secondary` the first non-primary one. */
export const nth = <T extends { primary: boolean }>(list: readonly T[], secondary: boolean): T | undefined =>
  secondary ? list.filter((x) => !x.primary)[0] : (list.find((x) => x.primary) ?? list[0]);

/** Clio's `Contact_base`: the contact's own fields, without nested records. */
export const contactBaseFields: Readonly<Record<string, FieldDef<ContactRecord>>> = {
  id: key('id'),
  etag: key('etag'),
  name: key('name'),
  first_name: key('first_name'),
  middle_name: key('middle_name'),
  last_name: key('last_name'),
  date_of_birth: key('date_of_birth'),
  type: key('type'),
  created_at: time('created_at'),
  updated_at: time('updated_at'),
  prefix: key('prefix'),
  title: key('title'),
  initials: key('initials'),
  clio_connect_email: val(() => null),
  locked_clio_connect_email: val(() => false),
  client_connect_user_id: val(() => null),
  primary_email_address: val((c) => nth(c.email_addresses, false)?.address ?? null),
  secondary_email_address: val((c) => nth(c.email_addresses, true)?.address ?? null),
  primary_phone_number: val((c) => nth(c.phone_numbers, false)?.number ?? null),
  secondary_phone_number: val((c) => nth(c.phone_numbers, true)?.number ?? null),
  ledes_client_id: key('ledes_client_id'),
  has_clio_for_clients_permission: val(() => false),
  is_client: key('is_client'),
  is_clio_for_client_user: val(() => false),
  is_co_counsel: key('is_co_counsel'),
  is_bill_recipient: key('is_bill_recipient'),
  sales_tax_number: key('sales_tax_number'),
  currency: currencyField,
};

/**
 * A contact nested in another record where Clio's schema names `Contact_base` (custom field values). Nested records
 * render their own fields only, so this is also what keeps the contact and custom-field models free of an import loop.
 */
/** Contacts Visibility reaches a contact wherever it is nested (a matter's client, a relationship, a field value). */
export const contactNestedView = (c: ContactRecord, env: RenderEnv): RowView => env.viewer?.contactView(c.id) ?? 'full';

export const ContactBaseModel: Model<ContactRecord> = {
  ...defineModel<ContactRecord>('Contact', contactBaseFields),
  nestedView: contactNestedView,
};
