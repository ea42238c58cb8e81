import { Kysely, PostgresDialect } from 'kysely';
import { Pool, types } from 'pg';
import { poolConnections } from '@sf/metrics';

// int8 (bigint) columns stay strings: global positions can pass 2^53, and parseInt would silently round them.
types.setTypeParser(types.builtins.INT8, (v) => v);

export interface CreateDbOptions {
  /** postgres:// URL of the database. */
  url: string;
  /** Maximum pooled connections. Default 10. */
  max?: number;
  /** Name reported in pg_stat_activity.application_name. */
  applicationName?: string;
  /**
   * Called when an idle pooled connection fails (server restart, admin termination). The pool drops that
   * connection and opens a new one on demand; without a listener pg's 'error' event would crash the process.
   * (A checked-out connection's failure reaches its caller as the query's rejection; see below.) Default: a
   * one-line warning on stderr (the message carries no credentials).
   */
  onIdleError?: (err: Error) => void;
}

const ignore = (): void => undefined;

const warnIdleError = (err: Error): void => {
  // 57P01 = terminated by administrator, which is how per-test databases are dropped: expected, not news.
  if ((err as { code?: string }).code === '57P01') return;
  process.stderr.write(`postgres: idle connection failed: ${err.message}\n`);
};

/**
 * Builds a Kysely handle over the tables `T` a process composes from their owners (`EventStoreTables & ...`); the
 * caller owns it and must `destroy()` it.
 */
export const createDb = <T>(opts: CreateDbOptions): Kysely<T> => {
  const pool = new Pool({
    connectionString: opts.url,
    max: opts.max ?? 10,
    application_name: opts.applicationName ?? 'clio-sync',
    // A connection that died silently (no FIN: a cut network, a frozen server) is found by TCP keep-alive.
    keepAlive: true,
    // While Postgres is down a checkout fails within this instead of queueing behind dead connects.
    connectionTimeoutMillis: 10_000,
  });
  pool.on('error', opts.onIdleError ?? warnIdleError);
  // pg-pool listens for errors only on idle clients; a checked-out client (in a transaction, between two
  // queries) whose connection dies emits 'error' with no listener, which would crash the process. The pool
  // discards such a client when it is released (it is no longer queryable); the query in flight rejects, and that
  // is what its caller sees, so this listener has nothing to add.
  pool.on('connect', (client) => client.on('error', ignore));
  const name = opts.applicationName ?? 'clio-sync';
  const unregister = poolConnections.source(() => {
    if (pool.ended) {
      unregister();
      return [];
    }
    return [
      { labels: { pool: name, state: 'total' }, value: pool.totalCount },
      { labels: { pool: name, state: 'idle' }, value: pool.idleCount },
      { labels: { pool: name, state: 'waiting' }, value: pool.waitingCount },
    ];
  });
  return new Kysely<T>({ dialect: new PostgresDialect({ pool }) });
};
