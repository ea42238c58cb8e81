// Throwaway databases on a Postgres server, through its admin URL: per-test databases, the benches', the outage and
// replica stacks'. The one place that creates and drops them.
import { Client } from 'pg';

/** Runs `fn` with a fresh connection to the admin database (`adminUrl`), closed after. */
export const withAdmin = async <T>(adminUrl: string, fn: (c: Client) => Promise<T>): Promise<T> => {
  const c = new Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
};

/** The URL of database `name` on the admin URL's server, with the admin URL's credentials. */
export const databaseUrl = (adminUrl: string, name: string): string => {
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  return u.toString();
};

/** Creates database `name`, empty or a copy of database `template`; returns its URL. */
export const createDatabase = async (adminUrl: string, name: string, template?: string): Promise<string> => {
  await withAdmin(adminUrl, (c) => c.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`));
  return databaseUrl(adminUrl, name);
};

/**
 * Waits (up to 5 s) until the server shows no session on database `name`; true if it got there. pg-pool's end()
 * resolves before its sockets close, so a pool just destroyed may still be seen for a moment.
 */
export const untilNoSessions = async (c: Client, name: string): Promise<boolean> => {
  for (let i = 0; i < 250; i++) {
    const { rows } = await c.query<{ n: number }>(
      'select count(*)::int as n from pg_stat_activity where datname = $1',
      [name],
    );
    if (rows[0]?.n === 0) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
};

/**
 * Drops database `name` if it exists, ending the connections still open on it (`WITH (FORCE)`: child processes a
 * test leaked). It first waits for the server to see the caller's own pool gone (`untilNoSessions`).
 */
export const dropDatabase = async (adminUrl: string, name: string): Promise<void> => {
  await withAdmin(adminUrl, async (c) => {
    await untilNoSessions(c, name);
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
};
