import { Kysely, PostgresDialect } from 'kysely';
import { Pool, types } from 'pg';
import type { Database } from './database';

// int8 (bigint) columns stay strings: global positions can pass 2^53, and parseInt would silently round them.
types.setTypeParser(types.builtins.INT8, (v) => v);

export interface CreateDbOptions {
  /** postgres:// URL of the database. */
  url: string;
  /** Maximum pooled connections. Default 10. */
  max?: number;
  /** Name reported in pg_stat_activity.application_name. */
  applicationName?: string;
}

/** Builds the typed Kysely handle every lib uses; the caller owns it and must `destroy()` it. */
export const createDb = (opts: CreateDbOptions): Kysely<Database> =>
  new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: new Pool({
        connectionString: opts.url,
        max: opts.max ?? 10,
        application_name: opts.applicationName ?? 'clio-sync',
      }),
    }),
  });
