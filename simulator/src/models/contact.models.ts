import { FolderBaseModel } from './folder-base.models';
import type { ContactRecord } from '../store/records';
import { Resource } from '../store/resources';
import type { Model } from './model';
import { defineModel, many, one, stubArray, stubObject } from './model';
import { contactBaseFields, contactNestedView, nth } from './contact-base.models';
import { CustomFieldValueModel } from './custom-field.models';
import { AddressModel, EmailAddressModel, PhoneNumberModel } from './lookup.models';
import { WebSiteModel } from './relationship.models';

export const ContactModel: Model<ContactRecord> = {
  ...defineModel<ContactRecord>('Contact', {
    ...contactBaseFields,
    activity_rates: stubArray,
    addresses: many(
      () => AddressModel,
      (c) => c.addresses,
    ),
    custom_field_values: many(
      () => CustomFieldValueModel,
      (c) => c.custom_field_values,
      [Resource.CustomFields],
    ),
    custom_field_set_associations: stubArray,
    email_addresses: many(
      () => EmailAddressModel,
      (c) => c.email_addresses,
    ),
    instant_messengers: stubArray,
    phone_numbers: many(
      () => PhoneNumberModel,
      (c) => c.phone_numbers,
    ),
    web_sites: many(
      () => WebSiteModel,
      (c) => c.web_sites,
    ),
    notification_methods: stubArray,
    account_balances: stubArray,
    related_contacts: stubArray,
    primary_work_address: one(
      () => AddressModel,
      (c) => c.addresses.find((a) => a.name === 'Work'),
    ),
    primary_address: one(
      () => AddressModel,
      (c) => nth(c.addresses, false),
    ),
    secondary_address: one(
      () => AddressModel,
      (c) => nth(c.addresses, true),
    ),
    company: one(
      () => ContactModel,
      (c, env) => (c.company_id === null ? undefined : env.store.get(Resource.Contacts, c.company_id)),
      [Resource.Contacts],
    ),
    avatar: stubObject,
    payment_profile: stubObject,
    folder: one(
      () => FolderBaseModel,
      (c, env) => (c.folder_id === null ? undefined : env.store.get(Resource.Folders, c.folder_id)),
      [Resource.Folders],
    ),
    co_counsel_rate: stubObject,
    primary_web_site: one(
      () => WebSiteModel,
      (c) => c.web_sites.find((w) => w.default_web_site),
    ),
    legal_aid_uk_contact: stubObject,
  }),
  nestedView: contactNestedView,
};
