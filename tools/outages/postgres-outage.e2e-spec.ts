// Postgres stopped (fast, then immediate) in the middle of a firm sync: no process crashes, every process reports
// not ready while it is down and ready again after, and the sync completes with an exact mirror. The test runs its
// own Postgres cluster (pg_createcluster, dropped at the end) and its own nats-server.
import path from 'node:path';
import { createOwnPgCluster, startOwnNatsServer, waitFor, type OwnNatsServer, type OwnPgCluster } from '@sf/testing';
import { freePort } from '../main-job/free-port';
import { startOutageStack, type OutageStack } from './outage-stack';
import {
  exitedProcesses,
  healthOf,
  waitAllReady,
  waitJobEnded,
  waitMirrorExact,
  waitStreamEqualsLog,
} from './outage-checks';

const LOG_DIR = path.resolve(__dirname, '..', '..', 'tmp', 'outages');

describe.each([
  { mode: 'fast' as const, outageS: 5 },
  { mode: 'immediate' as const, outageS: 60 },
])('Postgres stopped ($mode) for $outageS s during a sync', ({ mode, outageS }) => {
  let pg: OwnPgCluster;
  let nats: OwnNatsServer;
  let stack: OutageStack;
  beforeAll(async () => {
    pg = createOwnPgCluster(`sf_outage_${process.pid}_${mode}`, await freePort());
    nats = await startOwnNatsServer();
    stack = await startOutageStack({
      adminUrl: pg.adminUrl,
      natsUrl: nats.url,
      natsUsers: nats.users,
      logDir: LOG_DIR,
      latencyMs: 250,
    });
  }, 240_000);
  afterAll(async () => {
    try {
      pg?.start();
    } catch {
      // already running
    }
    await stack?.close();
    await nats?.dispose();
    pg?.drop();
  }, 60_000);

  it('no process crashes; the sync completes exact; health follows the database', async () => {
    await waitFor(
      () => stack.jobs(),
      (j) => j[0]?.state === 'running',
      { timeoutMs: 60_000, intervalMs: 200, description: 'the first-login sync running' },
    );
    pg.stop(mode);
    await waitFor(
      () => healthOf(stack),
      (h) => Object.values(h).every((s) => s === 503),
      { timeoutMs: 15_000, intervalMs: 250, description: 'every process reports not ready' },
    );
    await new Promise((r) => setTimeout(r, Math.max(0, outageS * 1000 - 3_000)));
    pg.start();
    const healedMs = await waitAllReady(stack, 10_000);

    expect(await waitJobEnded(stack, 0, 300_000)).toBe('completed');
    await waitMirrorExact(stack, 60_000);
    const cmp = await waitStreamEqualsLog(stack, nats.url, 60_000);
    console.log(`Postgres ${mode} stop ${outageS} s: health back in ${healedMs} ms; ${JSON.stringify(cmp)}`);
    expect(cmp.missing).toBe(0);
    expect(cmp.duplicated).toBe(0);
    expect(exitedProcesses(stack)).toEqual([]);
  }, 500_000);
});
