import type { ContactRecord } from '../../store/records';
import { Resource } from '../../store/resources';
import { ContactModel } from '../../models/contact.models';
import type { ListSpec } from '../list-spec';
import { intListParam } from '../query-params';
import { oneOf, textQuery } from './filter-helpers';

export const CONTACTS_LIST: ListSpec<ContactRecord> = {
  operation: 'GET /contacts.json',
  resource: Resource.Contacts,
  model: ContactModel,
  filters: {
    type: oneOf('type', ['Person', 'Company'], (c) => c.type),
    client_only: (values) => (values[0] === 'true' ? (c) => c.is_client : undefined),
    email_only: (values) => (values[0] === 'true' ? (c) => c.email_addresses.length > 0 : undefined),
    clio_connect_only: (values) => (values[0] === 'true' ? () => false : undefined),
    'exclude_ids[]': (values) => {
      const ids = new Set(intListParam('exclude_ids[]', values));
      return (c) => !ids.has(c.id);
    },
    initial: (values) => {
      const letter = values[0].trim().slice(0, 1).toLowerCase();
      return (c) => (c.last_name ?? c.name).toLowerCase().startsWith(letter);
    },
    query: textQuery((c) => [
      c.name,
      ...c.email_addresses.map((e) => e.address),
      ...c.phone_numbers.map((p) => p.number),
    ]),
  },
  // Contacts are never shared with outside users here: `shared_at` orders by id.
  orders: { name: (c) => c.name, shared_at: () => null },
};
