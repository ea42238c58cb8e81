import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import type { NewEvent } from '@sf/contracts';

/** Events for this lib's own tests and benchmark: fresh ids, fixed metadata. Not exported from the lib. */
export const newEvent = (type = 'ThingHappened', data: unknown = { n: 1 }): NewEvent => ({
  eventId: randomUUID(),
  type,
  version: 1,
  data,
  metadata: {
    firmId: 'firm-1',
    correlationId: 'corr-1',
    causationId: null,
    occurredAt: '2026-11-23T00:00:00.000Z',
  },
});

export const newEvents = (n: number, type?: string): NewEvent[] =>
  Array.from({ length: n }, (_, i) => newEvent(type, { i }));

/**
 * Backends still connected to `database`. pg-pool's end() resolves before its sockets close, and a
 * `DROP DATABASE ... WITH (FORCE)` right after kills them mid-close, which pg-pool reports as an unhandled 'error'
 * event; the int-specs wait for this to reach 0 between destroying the pool and dropping the database.
 */
export const backendsOn = async (adminUrl: string, database: string): Promise<number> => {
  const c = new Client({ connectionString: adminUrl });
  await c.connect();
  try {
    const { rows } = await c.query<{ n: string }>('select count(*) as n from pg_stat_activity where datname = $1', [
      database,
    ]);
    return Number(rows[0]!.n);
  } finally {
    await c.end();
  }
};
