import type { AddressRecord, ContactRecord, EmailRecord, PhoneRecord } from '../store/records';
import { Resource } from '../store/resources';
import type { GenContext } from './gen-context';
import { isoDate, DAY } from './gen-context';
import type { Rng } from './prng';
import {
  CITIES,
  COMPANY_KINDS,
  COMPANY_SUFFIXES,
  COMPANY_WORDS,
  FIRST_NAMES,
  LAST_NAMES,
  STREETS,
  TIME_ZONES,
} from './vocab';
import { customFieldValuesFor } from './gen-custom-fields';

const phone = (rng: Rng): string => `(${rng.int(201, 989)}) 555-${String(rng.int(0, 9999)).padStart(4, '0')}`;
const emailSafe = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]+/g, '');

export const generateUsers = (g: GenContext): void => {
  const rng = g.rng('users');
  const n = Math.max(1, g.counts.users);
  for (let i = 0; i < n; i++) {
    const first = rng.pick(FIRST_NAMES);
    const last = rng.pick(LAST_NAMES);
    const attorney = i === 0 || rng.bool(0.55);
    const created = g.createdAt(rng, i, n * 4); // users join early in the firm's life
    const id = i + 1;
    g.store.seed(Resource.Users, {
      id,
      name: `${first} ${last}`,
      first_name: first,
      last_name: last,
      initials: `${first[0]}${last[0]}`,
      email: `${emailSafe(first)}.${emailSafe(last)}${id}@example-firm.test`,
      enabled: i === 0 || rng.bool(0.92),
      account_owner: i === 0,
      clio_connect: false,
      court_rules_default_attendee: attorney && rng.bool(0.3),
      default_calendar_id: 5_000_000 + id,
      phone_number: rng.bool(0.8) ? phone(rng) : null,
      rate: attorney ? rng.int(6, 26) * 25 : rng.int(3, 8) * 25,
      roles: i === 0 ? ['admin', 'billing'] : rng.bool(0.15) ? ['billing'] : [],
      subscription_type: attorney ? 'Attorney' : 'NonAttorney',
      time_zone: rng.pick(TIME_ZONES),
      group_ids: [1, 2 + (i % 4)],
      created_at: created,
      updated_at: g.updatedAt(rng, created),
    });
  }
};

const subTimes = (created: number) => ({ created_at: created, updated_at: created });

const addresses = (g: GenContext, rng: Rng, created: number, company: boolean): AddressRecord[] => {
  const out: AddressRecord[] = [];
  const n = rng.weighted([
    [0, 1],
    [1, 6],
    [2, 2],
  ] as const);
  for (let i = 0; i < n; i++) {
    const [city, province] = rng.pick(CITIES);
    out.push({
      id: g.store.subId(),
      name: company ? (i === 0 ? 'Work' : 'Billing') : i === 0 ? 'Home' : 'Work',
      street: `${rng.int(1, 9999)} ${rng.pick(STREETS)}`,
      city,
      province,
      postal_code: String(rng.int(10000, 99999)),
      country: province.length === 2 && ['ON', 'BC'].includes(province) ? 'CA' : 'US',
      primary: i === 0,
      ...subTimes(created),
    });
  }
  return out;
};

export const generateContacts = (g: GenContext): void => {
  const rng = g.rng('contacts');
  const n = g.counts.contacts;
  const companies: number[] = [];
  for (let i = 0; i < n; i++) {
    const id = i + 1;
    const created = g.createdAt(rng, i, n);
    const company = rng.bool(0.3);
    const first = company ? null : rng.pick(FIRST_NAMES);
    const last = company ? null : rng.pick(LAST_NAMES);
    const middle = !company && rng.bool(0.2) ? rng.pick(FIRST_NAMES) : null;
    const name = company
      ? `${rng.pick(COMPANY_WORDS)} ${rng.pick(COMPANY_KINDS)} ${rng.pick(COMPANY_SUFFIXES)}`
      : [first, middle, last].filter(Boolean).join(' ');
    const domain = company ? `${emailSafe(name).slice(0, 18)}.test` : 'mail.test';
    const emails: EmailRecord[] = [];
    const ne = rng.weighted([
      [0, 1],
      [1, 7],
      [2, 2],
    ] as const);
    for (let e = 0; e < ne; e++) {
      const local = company
        ? e === 0
          ? 'info'
          : 'billing'
        : `${emailSafe(first ?? 'x')}.${emailSafe(last ?? 'y')}${e || ''}`;
      emails.push({
        id: g.store.subId(),
        name: e === 0 ? 'Work' : 'Home',
        address: `${local}${id}@${domain}`,
        primary: e === 0,
        ...subTimes(created),
      });
    }
    const phones: PhoneRecord[] = [];
    const np = rng.weighted([
      [0, 1],
      [1, 6],
      [2, 3],
    ] as const);
    for (let p = 0; p < np; p++)
      phones.push({
        id: g.store.subId(),
        name: p === 0 ? 'Work' : 'Personal',
        number: phone(rng),
        primary: p === 0,
        ...subTimes(created),
      });
    const rec: Omit<ContactRecord, 'etag' | 'rev'> = {
      id,
      type: company ? 'Company' : 'Person',
      name,
      first_name: first,
      middle_name: middle,
      last_name: last,
      prefix: !company && rng.bool(0.3) ? rng.pick(['Mr.', 'Ms.', 'Dr.', 'Mx.']) : null,
      title: !company && rng.bool(0.2) ? rng.pick(['CEO', 'Director', 'Manager', 'Owner']) : null,
      initials: company ? name.slice(0, 2).toUpperCase() : `${first?.[0] ?? ''}${last?.[0] ?? ''}`,
      date_of_birth: !company && rng.bool(0.4) ? isoDate(g.anchor - rng.int(20 * 365, 80 * 365) * DAY) : null,
      company_id: !company && companies.length > 0 && rng.bool(0.25) ? rng.pick(companies) : null,
      is_client: false,
      is_co_counsel: rng.bool(0.01),
      is_bill_recipient: false,
      ledes_client_id: company && rng.bool(0.1) ? `L${id}` : null,
      sales_tax_number: null,
      folder_id: null,
      addresses: addresses(g, rng, created, company),
      email_addresses: emails,
      phone_numbers: phones,
      web_sites: [],
      custom_field_values: customFieldValuesFor(g, rng, 'Contact', created),
      created_at: created,
      updated_at: g.updatedAt(rng, created),
    };
    g.store.seed(Resource.Contacts, rec);
    if (company) companies.push(id);
  }
};
