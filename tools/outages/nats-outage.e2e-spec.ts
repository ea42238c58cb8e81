// NATS killed (SIGKILL) in the middle of a firm sync with mutations going on, then started again on the same store:
// every process reconnects by itself, the sync completes, an incremental sync after it too, the mirror is exact,
// and every event of the log is in the stream exactly once. Each case runs its own nats-server.
import path from 'node:path';
import { connect } from '@nats-io/transport-node';
import { RpcSubjects } from '@sf/contracts';
import { connectionOptionsOf, natsIdentityFromEnv, rebaseSubject } from '@sf/messaging';
import { ADMIN_DATABASE_URL, startOwnNatsServer, waitFor, type OwnNatsServer } from '@sf/testing';
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
const NATS_PROCESSES = ['relay', 'auth-service', 'sync-orchestrator', 'clio-fetcher'];

describe.each([
  { outageS: 5, timeoutS: 300 },
  { outageS: 60, timeoutS: 420 },
])('NATS down for $outageS s during a sync', ({ outageS, timeoutS }) => {
  let nats: OwnNatsServer;
  let stack: OutageStack;
  beforeAll(async () => {
    nats = await startOwnNatsServer();
    stack = await startOutageStack({
      adminUrl: ADMIN_DATABASE_URL,
      natsUrl: nats.url,
      natsUsers: nats.users,
      logDir: LOG_DIR,
      latencyMs: 250,
    });
  }, 240_000);
  afterAll(async () => {
    await nats?.start().catch(() => undefined);
    await stack?.close();
    await nats?.dispose();
  }, 60_000);

  it(
    'heals without a hand: sync and incremental sync exact, stream = log, health back within 10 s',
    async () => {
      await waitFor(
        () => stack.jobs(),
        (j) => j[0]?.state === 'running',
        { timeoutMs: 60_000, intervalMs: 200, description: 'the first-login sync running' },
      );
      await stack.control('POST', '/activity/start', { opsPerMinute: 600 });

      await nats.kill();
      const down = await waitFor(
        () => healthOf(stack),
        (h) => NATS_PROCESSES.every((n) => h[n] === 503),
        { timeoutMs: 15_000, intervalMs: 250, description: 'NATS-dependent processes report not ready' },
      );
      expect(down['projections']).toBe(200);
      await new Promise((r) => setTimeout(r, Math.max(0, outageS * 1000 - 3_000)));
      await nats.start();
      const healedMs = await waitAllReady(stack, 10_000);
      // The token RPC answers again (its subscription came back with the connection).
      const nc = await connect({
        ...connectionOptionsOf(natsIdentityFromEnv()),
        servers: nats.url,
        name: 'outage-test',
      });
      const subject = rebaseSubject(stack.namespace, RpcSubjects.accessToken);
      const reply = await nc.request(subject, JSON.stringify({ firmId: stack.firmId }), { timeout: 5_000 });
      await nc.close();
      expect((JSON.parse(reply.string()) as { ok: boolean }).ok).toBe(true);

      expect(await waitJobEnded(stack, 0, timeoutS * 1000)).toBe('completed');
      await stack.control('POST', '/activity/stop');
      expect(await stack.requestFirmSync()).toBe(202);
      expect(await waitJobEnded(stack, 1, 120_000)).toBe('completed');
      await waitMirrorExact(stack, 60_000);
      const cmp = await waitStreamEqualsLog(stack, nats.url, 60_000);
      console.log(`NATS down ${outageS} s: health back in ${healedMs} ms; stream vs log ${JSON.stringify(cmp)}`);
      expect(cmp).toEqual({ logEvents: cmp.logEvents, streamMessages: cmp.logEvents, missing: 0, duplicated: 0 });
      expect(exitedProcesses(stack)).toEqual([]);
    },
    (timeoutS + 200) * 1000,
  );
});
