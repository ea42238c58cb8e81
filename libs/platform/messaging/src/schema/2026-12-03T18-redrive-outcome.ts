import { sql, type Kysely } from 'kysely';

/**
 * A redrive is now a request to the consumer that gave up (it applies the event through its inbox and answers), not
 * a second copy published to the events stream. A row is written once the consumer answered `applied` or
 * `already_applied`, so `published` gives way to that answer. Rows of the old kind keep `republished`; an unfinished
 * one (`published` false) is dropped, so the next redrive sends it. Frozen in time: raw SQL only.
 */
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await sql`delete from dead_letter_redrives where not published`.execute(db);
  await sql`alter table dead_letter_redrives drop column published`.execute(db);
  await sql`alter table dead_letter_redrives add column outcome text not null default 'republished'`.execute(db);
  await sql`alter table dead_letter_redrives alter column outcome drop default`.execute(db);
};

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await sql`alter table dead_letter_redrives drop column outcome`.execute(db);
  await sql`alter table dead_letter_redrives add column published boolean not null default true`.execute(db);
};
