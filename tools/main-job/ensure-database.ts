import { Client } from 'pg';

/** Creates the database named in `url` when it does not exist yet (connecting to the server's `postgres` db). */
export const ensureDatabase = async (url: string): Promise<void> => {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(name))
    throw new Error(`database name must be [A-Za-z0-9_]+ (got an unusual name in DATABASE_URL)`);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const c = new Client({ connectionString: admin.toString() });
  try {
    await c.connect();
  } catch (err) {
    throw new Error(`cannot reach Postgres at ${target.host} (${(err as Error).message}); is it running?`);
  }
  try {
    const { rowCount } = await c.query('select 1 from pg_database where datname = $1', [name]);
    if (rowCount === 0) await c.query(`CREATE DATABASE "${name}"`);
  } finally {
    await c.end();
  }
};
