import { sql, type RawBuilder } from 'kysely';

/**
 * The instant `ms` before the database's `now()`: rows stamped by the database (`default now()`) are aged on the
 * clock that stamped them, whatever the process's clock says.
 */
export const msAgoOnDbClock = (ms: number): RawBuilder<Date> => sql<Date>`now() - make_interval(secs => ${ms / 1000})`;
