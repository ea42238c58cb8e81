import type { DetailSpec } from './detail-spec';
import { booleanOf, dateOf, objectOf, refIdOf, textOf } from './detail-values';

/**
 * A matter's status, status dates and people, typed (they are in `data` as fetched too): one row per matter.
 * `practice_area_name` comes nested with the practice area (`practice_area{id,name}`).
 */
export const matterFields: DetailSpec = {
  table: 'clio_matter_fields',
  parentColumn: 'matter_id',
  fixed: {},
  columns: [
    ['display_number', 'text'],
    ['status', 'text'],
    ['open_date', 'date'],
    ['pending_date', 'date'],
    ['close_date', 'date'],
    ['client_id', 'text'],
    ['practice_area_id', 'text'],
    ['practice_area_name', 'text'],
    ['responsible_attorney_id', 'text'],
    ['originating_attorney_id', 'text'],
    ['responsible_staff_id', 'text'],
    ['group_id', 'text'],
    ['billable', 'boolean'],
    ['billing_method', 'text'],
  ],
  mode: 'replace',
  rows: (r) => [
    {
      display_number: textOf(r['display_number']),
      status: textOf(r['status']),
      open_date: dateOf(r['open_date']),
      pending_date: dateOf(r['pending_date']),
      close_date: dateOf(r['close_date']),
      client_id: refIdOf(r['client']),
      practice_area_id: refIdOf(r['practice_area']),
      practice_area_name: textOf(objectOf(r['practice_area'])?.['name']),
      responsible_attorney_id: refIdOf(r['responsible_attorney']),
      originating_attorney_id: refIdOf(r['originating_attorney']),
      responsible_staff_id: refIdOf(r['responsible_staff']),
      group_id: refIdOf(r['group']),
      billable: booleanOf(r['billable']),
      billing_method: textOf(r['billing_method']),
    },
  ],
};

/** A contact's person or company fields, typed: one row per contact. */
export const contactFields: DetailSpec = {
  table: 'clio_contact_fields',
  parentColumn: 'contact_id',
  fixed: {},
  columns: [
    ['type', 'text'],
    ['name', 'text'],
    ['prefix', 'text'],
    ['first_name', 'text'],
    ['middle_name', 'text'],
    ['last_name', 'text'],
    ['title', 'text'],
    ['date_of_birth', 'date'],
    ['company_id', 'text'],
    ['is_client', 'boolean'],
    ['is_co_counsel', 'boolean'],
    ['is_bill_recipient', 'boolean'],
  ],
  mode: 'replace',
  rows: (r) => [
    {
      type: textOf(r['type']),
      name: textOf(r['name']),
      prefix: textOf(r['prefix']),
      first_name: textOf(r['first_name']),
      middle_name: textOf(r['middle_name']),
      last_name: textOf(r['last_name']),
      title: textOf(r['title']),
      date_of_birth: dateOf(r['date_of_birth']),
      company_id: refIdOf(r['company']),
      is_client: booleanOf(r['is_client']),
      is_co_counsel: booleanOf(r['is_co_counsel']),
      is_bill_recipient: booleanOf(r['is_bill_recipient']),
    },
  ],
};
