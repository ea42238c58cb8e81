// Throwaway databases for the event-log benches: each bench creates its own under the admin URL and drops it after.
import { Client } from 'pg';

/** Runs one statement on a fresh connection to the admin database (`adminUrl`) and returns its rows. */
export const withAdmin = async <R extends object = Record<string, unknown>>(
  adminUrl: string,
  text: string,
  params: unknown[] = [],
): Promise<R[]> => {
  const c = new Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return (await c.query<R>(text, params)).rows;
  } finally {
    await c.end();
  }
};

/** The URL of database `name` on the admin URL's server, with the admin URL's credentials. */
export const dbUrl = (adminUrl: string, name: string): string => {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
};

export const createDatabase = async (adminUrl: string, name: string): Promise<void> => {
  await withAdmin(adminUrl, `create database "${name}"`);
};

/**
 * Drops database `name` if it exists. `force` ends its remaining connections (`with (force)`); `after-disconnect`
 * first waits (up to 100 x 50 ms) for its backends to leave, since pg-pool's end() returns before its sockets close.
 */
export const dropDatabase = async (
  adminUrl: string,
  name: string,
  how: 'force' | 'after-disconnect',
): Promise<void> => {
  if (how === 'force') {
    await withAdmin(adminUrl, `drop database if exists "${name}" with (force)`);
    return;
  }
  for (let i = 0; i < 100; i++) {
    const [row] = await withAdmin<{ n: string }>(
      adminUrl,
      'select count(*)::text as n from pg_stat_activity where datname = $1',
      [name],
    );
    if (row?.n === '0') break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await withAdmin(adminUrl, `drop database if exists "${name}"`);
};
