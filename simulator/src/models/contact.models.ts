import type { ContactRecord } from '../store/records';
import { Resource } from '../store/resources';
import type { Model } from './model';
import { defineModel, key, many, one, stubArray, stubObject, time, val } from './model';
import { CustomFieldValueModel } from './custom-field.models';
import { AddressModel, EmailAddressModel, PhoneNumberModel, currencyField } from './lookup.models';

const nth = <T extends { primary: boolean }>(list: readonly T[], secondary: boolean): T | undefined =>
  secondary ? list.filter((x) => !x.primary)[0] : (list.find((x) => x.primary) ?? list[0]);

export const ContactModel: Model<ContactRecord> = defineModel('Contact', {
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
  activity_rates: stubArray,
  addresses: many(() => AddressModel, (c) => c.addresses),
  custom_field_values: many(() => CustomFieldValueModel, (c) => c.custom_field_values, [Resource.CustomFields]),
  custom_field_set_associations: stubArray,
  email_addresses: many(() => EmailAddressModel, (c) => c.email_addresses),
  instant_messengers: stubArray,
  phone_numbers: many(() => PhoneNumberModel, (c) => c.phone_numbers),
  web_sites: stubArray,
  notification_methods: stubArray,
  account_balances: stubArray,
  related_contacts: stubArray,
  primary_work_address: one(() => AddressModel, (c) => c.addresses.find((a) => a.name === 'Work')),
  primary_address: one(() => AddressModel, (c) => nth(c.addresses, false)),
  secondary_address: one(() => AddressModel, (c) => nth(c.addresses, true)),
  company: one(() => ContactModel, (c, env) => (c.company_id === null ? undefined : env.store.get(Resource.Contacts, c.company_id)), [
    Resource.Contacts,
  ]),
  avatar: stubObject,
  payment_profile: stubObject,
  folder: stubObject,
  co_counsel_rate: stubObject,
  primary_web_site: stubObject,
  legal_aid_uk_contact: stubObject,
});
