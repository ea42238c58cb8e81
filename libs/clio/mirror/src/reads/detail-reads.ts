import { sql, type RawBuilder } from 'kysely';
import type { ClioEntityType } from '../entity-types';

// The detail tables each entity type's records carry in the read API, as one jsonb object per record built inside
// the list query (no query per record). Column lists are the tables' own; firm and parent columns are dropped.

const many = (table: string, where: RawBuilder<unknown>, drop: string[], order: string): RawBuilder<unknown> =>
  sql`coalesce((select jsonb_agg(to_jsonb(x) - ${sql.raw(drop.map((d) => `'${d}'`).join(' - '))} order by ${sql.raw(order)})
    from ${sql.table(table)} x where x.firm_id = t.firm_id and ${where}), '[]'::jsonb)`;

const one = (table: string, where: RawBuilder<unknown>, drop: string[]): RawBuilder<unknown> =>
  sql`(select to_jsonb(x) - ${sql.raw(drop.map((d) => `'${d}'`).join(' - '))} from ${sql.table(table)} x
    where x.firm_id = t.firm_id and ${where})`;

const customFieldValues = (parentType: 'Matter' | 'Contact'): RawBuilder<unknown> =>
  many(
    'clio_custom_field_values',
    sql`x.parent_type = ${parentType} and x.parent_id = t.id`,
    ['firm_id', 'parent_type', 'parent_id'],
    'x.custom_field_id',
  );

const contactList = (table: string): RawBuilder<unknown> =>
  many(table, sql`x.contact_id = t.id`, ['firm_id', 'contact_id'], 'x.id');

/** Key and jsonb expression of each detail an entity type's records carry (`t` is the entity table's alias). */
const DETAIL_READS: Partial<Record<ClioEntityType, ReadonlyArray<readonly [string, RawBuilder<unknown>]>>> = {
  matters: [
    ['fields', one('clio_matter_fields', sql`x.matter_id = t.id`, ['firm_id', 'matter_id'])],
    ['custom_field_values', customFieldValues('Matter')],
  ],
  contacts: [
    ['fields', one('clio_contact_fields', sql`x.contact_id = t.id`, ['firm_id', 'contact_id'])],
    ['email_addresses', contactList('clio_contact_email_addresses')],
    ['phone_numbers', contactList('clio_contact_phone_numbers')],
    ['addresses', contactList('clio_contact_addresses')],
    ['web_sites', contactList('clio_contact_web_sites')],
    ['custom_field_values', customFieldValues('Contact')],
  ],
  calendar_entries: [
    [
      'attendees',
      many(
        'clio_calendar_entry_attendees',
        sql`x.calendar_entry_id = t.id`,
        ['firm_id', 'calendar_entry_id'],
        'x.attendee_type, x.attendee_id',
      ),
    ],
  ],
  documents: [
    [
      'versions',
      many('clio_document_versions', sql`x.document_id = t.id`, ['firm_id', 'document_id'], 'x.version_number desc'),
    ],
  ],
  activities: [['amounts', one('clio_activity_amounts', sql`x.activity_id = t.id`, ['firm_id', 'activity_id'])]],
};

/** The `details` column of a list query: a jsonb object, or null for entity types without details. */
export const detailsColumn = (e: ClioEntityType): RawBuilder<unknown> => {
  const reads = DETAIL_READS[e];
  if (!reads) return sql`null::jsonb`;
  return sql`jsonb_build_object(${sql.join(reads.map(([k, v]) => sql`${k}::text, ${v}`))})`;
};
