// Two replicas of every process against a 3-node JetStream cluster (streams of 3 replicas), several firms syncing at
// once; at random points during the syncs one NATS node and one replica of each process are SIGKILLed and left dead
// (what stays up must carry on). Every firm's sync completes, every mirror equals the simulator's truth, the
// stream holds every logged event exactly once, and the changes stream every recorded change exactly once. The seed is printed; SF_TEST_SEED replays a run.
import path from 'node:path';
import { ADMIN_DATABASE_URL, startOwnNatsCluster, waitFor, type OwnNatsCluster } from '@sf/testing';
import { compareChangesWithTable, compareStreamWithLog } from '../outages/stream-vs-log';
import { seededRandom } from '../soak/fault-injector';
import { processOf } from '../stack/replicas';
import { startPlatformStack, type PlatformStack } from '../stack/platform-stack';

const LOG_DIR = path.resolve(__dirname, '..', '..', 'tmp', 'replicas');
const PROCESSES = ['relay', 'projections', 'auth-service', 'sync-orchestrator', 'clio-fetcher', 'document-processor'];
const FIRMS = 3;
/** Kills land within this window after the syncs start (well inside the syncs: checked below). */
const KILL_WINDOW_MS = 15_000;

describe('two replicas of every process on a 3-node NATS cluster, several firms', () => {
  let cluster: OwnNatsCluster;
  let stack: PlatformStack;
  beforeAll(async () => {
    cluster = await startOwnNatsCluster(3);
    stack = await startPlatformStack({
      adminUrl: ADMIN_DATABASE_URL,
      natsUrl: cluster.url,
      logDir: LOG_DIR,
      label: 'rep',
      simulator: { size: 'small', seed: '17', rateLimit: 'off', latencyMs: 120 },
      replicas: 2,
      processor: true,
      firms: FIRMS,
      // The mirror in 2 partitions by firm: the two projections replicas apply them side by side.
      env: { SF_NATS_REPLICAS: '3', SF_MIRROR_PARTITIONS: '2' },
    });
  }, 300_000);
  afterAll(async () => {
    await stack?.close();
    await cluster?.dispose();
  }, 60_000);

  it('completes every sync with exact mirrors after one NATS node and one replica of each process die', async () => {
    const seed = Number(process.env['SF_TEST_SEED'] ?? Math.floor(Math.random() * 2 ** 31));
    const random = seededRandom(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
    const schedule = [
      ...PROCESSES.map((p) => ({ victim: `${p}#${pick([1, 2])}`, atMs: 1_000 + random() * KILL_WINDOW_MS })),
      { victim: `nats:${pick([0, 1, 2])}`, atMs: 1_000 + random() * KILL_WINDOW_MS },
    ].sort((a, b) => a.atMs - b.atMs);
    console.log(`replicas test seed ${seed}: ${schedule.map((k) => `${k.victim}@${Math.round(k.atMs)}ms`).join(', ')}`);

    const running = async (): Promise<number> => {
      const jobs = await Promise.all(stack.firmIds.map((f) => stack.jobs(f)));
      return jobs.filter((j) => j[0]?.state === 'running').length;
    };
    await waitFor(running, (n) => n === FIRMS, {
      timeoutMs: 120_000,
      intervalMs: 200,
      description: 'every firm first-login sync running',
    });
    const started = Date.now();
    const runningAtKill: number[] = [];
    for (const k of schedule) {
      await new Promise((r) => setTimeout(r, Math.max(0, started + k.atMs - Date.now())));
      runningAtKill.push(await running());
      if (k.victim.startsWith('nats:')) await cluster.nodes[Number(k.victim.slice(5))]!.kill();
      else await stack.kill(k.victim);
    }
    // The kills landed during the syncs, not after them.
    expect(runningAtKill.every((n) => n > 0)).toBe(true);

    for (const firmId of stack.firmIds) {
      const jobs = await waitFor(
        () => stack.jobs(firmId),
        (j) => ['completed', 'failed', 'cancelled'].includes(j[0]?.state ?? ''),
        { timeoutMs: 420_000, intervalMs: 1_000, description: `${firmId}'s sync ended` },
      );
      expect({ firmId, state: jobs[0]!.state }).toEqual({ firmId, state: 'completed' });
    }
    for (const firmId of stack.firmIds) {
      const checks = await waitFor(
        () => stack.mirror(firmId),
        (c) => c.length > 0 && c.every((x) => x.exact),
        { timeoutMs: 120_000, intervalMs: 1_000, description: `${firmId}'s mirror equal to Clio` },
      );
      expect(checks.filter((c) => !c.exact)).toEqual([]);
    }
    const cmp = await waitFor(
      () => compareStreamWithLog(stack.db, cluster.url, stack.eventsStream),
      (c) => c.missing === 0 && c.streamMessages >= c.logEvents,
      { timeoutMs: 120_000, intervalMs: 1_000, description: 'every logged event in the stream' },
    );
    expect(cmp).toEqual({ logEvents: cmp.logEvents, streamMessages: cmp.logEvents, missing: 0, duplicated: 0 });
    // Every record change published exactly once, although one of the two relays (each with a change relay) died.
    const changes = await waitFor(
      () => compareChangesWithTable(stack.db, cluster.url, stack.changesStream),
      (c) => c.logEvents > 0 && c.missing === 0 && c.streamMessages >= c.logEvents,
      { timeoutMs: 120_000, intervalMs: 1_000, description: 'every recorded change in the changes stream' },
    );
    expect(changes).toEqual({
      logEvents: changes.logEvents,
      streamMessages: changes.logEvents,
      missing: 0,
      duplicated: 0,
    });

    // Nothing died that was not killed: each process still has its other replica.
    const killed = new Set(schedule.map((k) => k.victim));
    const exited = stack.services
      .filter((s) => s.child.exitCode !== null || s.child.signalCode !== null)
      .map((s) => s.name)
      .filter((n) => !killed.has(n));
    expect(exited).toEqual([]);
    for (const p of PROCESSES) {
      expect(
        stack.services.some((s) => processOf(s.name) === p && s.child.exitCode === null && s.child.signalCode === null),
      ).toBe(true);
    }
    console.log(
      `replicas test: ${FIRMS} firms exact in ${Math.round((Date.now() - started) / 1000)} s; stream vs log ${JSON.stringify(cmp)}; changes stream vs table ${JSON.stringify(changes)}`,
    );
  }, 900_000);
});
