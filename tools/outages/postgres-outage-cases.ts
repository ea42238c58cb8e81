// Postgres stopped in the middle of syncs (`fast`: clients disconnected cleanly; `immediate`: as a crash, recovery at
// start): during the first-login sync, then during an incremental sync. No process crashes, every process reports not
// ready while it is down and ready again within 10 s after, and both syncs complete with an exact mirror and the
// stream equal to the log. Its own Postgres cluster (pg_createcluster, dropped at the end) and its own nats-server.
// The 5 s cases run in `npm test` (postgres-outage.e2e-spec.ts), the 60 s ones in `npm run test:outages:long`.
import { useOutageSuite } from './outage-suite';
import {
  exitedProcesses,
  slowClio,
  waitJobEnded,
  waitJobRunning,
  waitMirrorExact,
  waitStreamEqualsLog,
  waitChangesPublished,
} from './outage-checks';
import { postgresOutage } from './infra-outage';

/** The Postgres outage cases for one outage length (a describe block): both syncs, both ways of stopping. */
export const describePostgresOutage = (outageS: number): void =>
  describe(`Postgres stopped for ${outageS} s during syncs`, () => {
    const suite = useOutageSuite({ ownPostgres: String(outageS), processor: true, latencyMs: 250 });

    it('fast stop during the first-login sync: no process crashes; the sync completes', async () => {
      const { stack, pg } = suite;
      await waitJobRunning(stack, 0, 60_000);
      const { healedMs } = await postgresOutage(stack, pg, 'fast', outageS);
      console.log(`Postgres fast stop ${outageS} s: health back in ${healedMs} ms`);
      expect(await waitJobEnded(stack, 0, 300_000)).toBe('completed');
      expect(exitedProcesses(stack)).toEqual([]);
    }, 420_000);

    it('immediate stop during an incremental sync: no process crashes; the sync completes exact', async () => {
      const { stack, pg, nats } = suite;
      // Slower Clio answers keep the incremental job running when Postgres goes away.
      const removeSlow = await slowClio(stack, 1_000);
      expect(await stack.requestFirmSync()).toBe(202);
      await waitJobRunning(stack, 1);
      const { healedMs } = await postgresOutage(stack, pg, 'immediate', outageS);
      await removeSlow();
      console.log(`Postgres immediate stop ${outageS} s: health back in ${healedMs} ms`);
      expect(await waitJobEnded(stack, 1, 300_000)).toBe('completed');
      await waitMirrorExact(stack, 60_000);
      const cmp = await waitStreamEqualsLog(stack, nats.url, 60_000);
      console.log(`Postgres stops ${outageS} s: ${JSON.stringify(cmp)}`);
      expect(cmp.missing).toBe(0);
      expect(cmp.duplicated).toBe(0);
      const changes = await waitChangesPublished(stack, nats.url, 60_000);
      console.log(`Postgres stops ${outageS} s: changes stream vs table ${JSON.stringify(changes)}`);
      expect(changes.missing).toBe(0);
      expect(changes.duplicated).toBe(0);
      expect(exitedProcesses(stack)).toEqual([]);
    }, 420_000);
  });
