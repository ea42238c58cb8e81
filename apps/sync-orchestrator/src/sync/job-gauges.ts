import { sql, type Kysely } from 'kysely';
import { connectionNeedsReauth, syncJobProgressAge, syncJobs, syncJobsStalled } from '@sf/metrics';
import type { OrchestratorDb } from '../schema/orchestrator-schema';

/** Job states that are not terminal (the progress-age gauge has one series per such job). */
const IN_FLIGHT = ['running'];

/**
 * Registers the sync-job and connection gauges, read from the `sync_jobs` and `firm_connections` read models at each scrape (one grouped count, one list of
 * running jobs); returns their removal. Ages come from the database clock, like the stall detector's cutoff.
 */
export const registerJobGauges = (db: Kysely<OrchestratorDb>): (() => void) => {
  const offs = [
    syncJobs.source(async () => {
      const rows = await db
        .selectFrom('sync_jobs')
        .select(['state', 'trigger', (eb) => eb.fn.countAll<string>().as('n')])
        .groupBy(['state', 'trigger'])
        .execute();
      return rows.map((r) => ({ labels: { state: r.state, trigger: r.trigger }, value: Number(r.n) }));
    }),
    syncJobsStalled.source(async () => {
      const r = await db
        .selectFrom('sync_jobs')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('stalled', '=', true)
        .where('state', 'in', IN_FLIGHT)
        .executeTakeFirstOrThrow();
      return [{ labels: {}, value: Number(r.n) }];
    }),
    syncJobProgressAge.source(async () => {
      const rows = await db
        .selectFrom('sync_jobs')
        .select(['firm_id', 'job_id', sql<number>`extract(epoch from (now() - last_progress_at))::float8`.as('age')])
        .where('state', 'in', IN_FLIGHT)
        .execute();
      return rows.map((r) => ({ labels: { firm_id: r.firm_id, job_id: r.job_id }, value: Math.max(0, r.age) }));
    }),
    connectionNeedsReauth.source(async () => {
      const rows = await db
        .selectFrom('firm_connections')
        .select('firm_id')
        .where('status', '=', 'needs_reauth')
        .execute();
      return rows.map((r) => ({ labels: { firm_id: r.firm_id }, value: 1 }));
    }),
  ];
  return () => offs.forEach((off) => off());
};
