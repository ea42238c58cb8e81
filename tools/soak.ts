// `npm run soak -- --minutes N [--seed S] [--size small] [--max-outage-s 30] [--long-nats-outage-s 300]`
// The whole platform on its own NATS server and Postgres cluster, under continuous Clio mutations delivered as
// webhooks over an unreliable network (dropped, delayed, duplicated), repeated syncs and document processing jobs,
// while random faults hit it: kill -9 of a service (the webhooks ingress and a second registrar+applier replica
// included; restarted, as a supervisor would), NATS killed, Postgres stopped fast or immediate; optionally one long
// NATS outage in the middle. At the end: a last sync, then every mirror table equal to Clio, the stream equal to the
// log (nothing missing, nothing twice), every read model equal to its rebuild, every processing job completed with
// one outcome per document, every recorded webhook delivery applied exactly once with the firm's webhooks healthy,
// and no process that exited unasked. Prints the figures and one JSON line. Not part of `npm test`.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { NatsIdentityEnv, type BusUser } from '@sf/messaging';
import { createOwnPgCluster, waitFor } from '@sf/testing';
import { startRunBus } from './bus/run-bus';
import { freePort } from '@sf/testing';
import { startOutageStack } from './outages/outage-stack';
import {
  waitAllReady,
  waitChangesPublished,
  waitJobEnded,
  waitMirrorExact,
  waitStreamEqualsLog,
} from './outages/outage-checks';
import { ALL_PROJECTIONS } from './projection-registry';
import { faultInjector, seededRandom } from './soak/fault-injector';
import { readModelsDifferingFromRebuild } from './soak/read-models-vs-rebuild';
import { checkProcessingJob } from './outages/processing-check';
import { finishSoakWebhooks, SOAK_CHAOS, soakWebhooksOk, startSoakWebhooks } from './soak/soak-webhooks';

const args = parseArgs({
  options: {
    minutes: { type: 'string', default: '30' },
    seed: { type: 'string', default: '1' },
    size: { type: 'string', default: 'small' },
    'max-outage-s': { type: 'string', default: '30' },
    'long-nats-outage-s': { type: 'string', default: '0' },
  },
}).values;

const MUST_KILL = [
  { name: 'webhooks', at: 0.25 },
  { name: 'webhooks-2', at: 0.75 },
];
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const log = (line: string): void => console.log(`[soak ${new Date().toISOString().slice(11, 19)}] ${line}`);

const main = async (): Promise<void> => {
  const minutes = Number(args.minutes);
  const random = seededRandom(Number(args.seed));
  const pg = createOwnPgCluster(`sf_soak_${process.pid}`, await freePort());
  // The locked bus: each process as its own user; the soak's own checks read the stream as an inspector.
  const inspector: BusUser = {
    name: 'soak-inspector',
    password: randomBytes(18).toString('base64url'),
    unrestricted: true,
  };
  const nats = await startRunBus([inspector]);
  Object.assign(process.env, {
    [NatsIdentityEnv.user]: inspector.name,
    [NatsIdentityEnv.password]: inspector.password,
  });
  const logDir = path.resolve(__dirname, '..', 'tmp', 'soak');
  const stack = await startOutageStack({
    adminUrl: pg.adminUrl,
    natsUrl: nats.url,
    natsUsers: nats.users,
    logDir,
    size: args.size,
    latencyMs: 100,
    fetchers: 2,
    processor: true,
    webhooks: { replicas: 2, registrarIntervalMs: 5_000 },
    // Eleven processes start at once, each compiling and migrating: a loaded machine needs minutes.
    startTimeoutMs: 300_000,
  });
  const exitsBefore = new Set<string>();
  try {
    log(`stack up (logs in ${logDir}/${stack.namespace}); faults for ${minutes} min`);
    await startSoakWebhooks(stack);
    log(`webhooks registered; delivery chaos on: ${JSON.stringify(SOAK_CHAOS)}`);
    await stack.control('POST', '/activity/start', { opsPerMinute: 120 });
    const faults = faultInjector({ stack, nats, pg, random, maxOutageS: Number(args['max-outage-s']) });
    const started = Date.now();
    const end = started + minutes * 60_000;
    const longS = Number(args['long-nats-outage-s']);
    let longDone = longS <= 0;
    let requests = 0;
    let lastRequest = 0;
    let lastProcessing = Date.now();
    const processingJobs: string[] = [];
    while (Date.now() < end) {
      if (Date.now() - lastRequest > 75_000) {
        lastRequest = Date.now();
        requests += 1;
        log(`sync requested: HTTP ${await stack.requestFirmSync().catch(() => 0)}`);
      }
      if (Date.now() - lastProcessing > 120_000) {
        lastProcessing = Date.now();
        await stack.startProcessingJob().then(
          (id) => {
            processingJobs.push(id);
            log(`processing job ${id} started`);
          },
          (e: unknown) => log(`processing job not started: ${String(e)}`),
        );
      }
      const long = !longDone && Date.now() > started + (end - started) / 2;
      // The long outage starts right after a sync request, so a job is in flight (or waiting) while NATS is away.
      if (long) log(`sync requested before the long NATS outage: HTTP ${await stack.requestFirmSync().catch(() => 0)}`);
      // Each webhooks process is killed at least once (the ingress in the first quarter, the other in the third).
      const elapsed = (Date.now() - started) / (end - started);
      const hook = MUST_KILL.find((m) => elapsed >= m.at && !(faults.counts().serviceKills[m.name] ?? 0));
      const line = long ? await faults.natsOutage(longS) : hook ? await faults.killService(hook.name) : null;
      longDone ||= long;
      log(line ?? (await faults.injectOne()));
      await waitAllReady(stack, 120_000).catch((e: unknown) => log(`not all ready: ${String(e)}`));
      await sleep(5_000 + Math.floor(random() * 15_000));
    }
    for (const s of stack.services) if (s.child.exitCode !== null) exitsBefore.add(s.name);

    log('faults over: stopping mutations, waiting for the last job, one more sync');
    await stack.control('POST', '/activity/stop');
    await waitAllReady(stack, 120_000);
    const open = ['requested', 'running', 'blocked'];
    await waitFor(
      () => stack.jobs(),
      (j) => !j.some((x) => open.includes(x.state)),
      {
        timeoutMs: 600_000,
        intervalMs: 1_000,
        description: 'no job in flight',
      },
    );
    await waitFor(
      () => stack.requestFirmSync(),
      (s) => s === 202,
      { timeoutMs: 180_000, intervalMs: 5_000 },
    );
    const last = (await stack.jobs()).length - 1;
    const lastState = await waitJobEnded(stack, last, 600_000);
    const mirror = await waitMirrorExact(stack, 120_000).then(
      () => true,
      () => false,
    );
    const webhooks = await finishSoakWebhooks(stack, 300_000);
    const stream = await waitStreamEqualsLog(stack, nats.url, 120_000).catch(() => null);
    const changes = await waitChangesPublished(stack, nats.url, 120_000).catch(() => null);
    const jobs = await stack.jobs();
    // Every processing job ends; each snapshot document has exactly one outcome.
    const checkAll = () => Promise.all(processingJobs.map((id) => checkProcessingJob(stack.db, id)));
    const processing = await waitFor(checkAll, (cs) => cs.every((c) => c.jobCompleted > 0), {
      timeoutMs: 600_000,
      intervalMs: 2_000,
      description: 'every processing job completed',
    }).catch(checkAll);
    const processingBad = processing.filter((c) => c.jobCompleted !== 1 || c.withoutOutcome > 0 || c.doubled > 0);
    for (const s of [...stack.services].reverse()) await s.stop();
    const differing = await readModelsDifferingFromRebuild(stack.db, ALL_PROJECTIONS);
    const result = {
      minutes,
      seed: Number(args.seed),
      faults: faults.counts(),
      syncsRequested: requests + 1,
      jobs: jobs.length,
      jobsCompleted: jobs.filter((j) => j.state === 'completed').length,
      jobsFailed: jobs.filter((j) => j.state === 'failed').length,
      lastSync: lastState,
      mirrorExact: mirror,
      logEvents: stream?.logEvents ?? null,
      streamMissing: stream?.missing ?? null,
      streamDuplicated: stream?.duplicated ?? null,
      recordChanges: changes?.logEvents ?? null,
      changesMissing: changes?.missing ?? null,
      changesDuplicated: changes?.duplicated ?? null,
      readModelsDifferingFromRebuild: differing,
      processingJobs: processing.length,
      processingDocuments: processing.reduce((n, c) => n + c.documents, 0),
      processingJobsNotExact: processingBad.length,
      webhooks,
      processesExitedUnasked: [...exitsBefore],
    };
    log(`faults: ${JSON.stringify(result.faults)}`);
    log(`jobs ${result.jobs} (${result.jobsCompleted} completed, ${result.jobsFailed} failed); last sync ${lastState}`);
    log(`processing jobs ${processing.length}, not exact ${processingBad.length}: ${JSON.stringify(processingBad)}`);
    log(`webhooks: ${JSON.stringify(webhooks)}`);
    log(`mirror exact ${mirror}; stream vs log ${JSON.stringify(stream)}; read models ≠ rebuild: [${differing}]`);
    log(`changes stream vs clio_record_changes ${JSON.stringify(changes)}`);
    console.log(JSON.stringify({ soak: result }));
    const ok =
      mirror &&
      stream?.missing === 0 &&
      stream.duplicated === 0 &&
      changes?.missing === 0 &&
      changes.duplicated === 0 &&
      differing.length === 0 &&
      processingBad.length === 0 &&
      soakWebhooksOk(webhooks) &&
      exitsBefore.size === 0;
    process.exitCode = ok && lastState === 'completed' ? 0 : 1;
  } finally {
    await stack.close();
    await nats.dispose();
    pg.drop();
  }
};

main().catch((err: unknown) => {
  console.error(`soak failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
