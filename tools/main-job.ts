// `npm start`: the whole platform against the Clio simulator. Migrates, starts the simulator with a generated firm
// and every service as its own process, connects the firm's Clio account through OAuth, and follows the firm-wide
// first-login sync to the end with live progress, then proves the mirror equals Clio, processes a folder, and shows
// the mirror following changes in Clio through webhooks alone.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createDb, DEFAULT_DATABASE_URL, migrateToLatest } from '@sf/db';
import { ALL_MIGRATION_SETS, type PlatformDb } from './migration-sets';
import { signJwt } from '@sf/http-auth';
import { connectClio } from './main-job/connect';
import { ensureDatabase } from './main-job/ensure-database';
import { freePort } from '@sf/testing';
import { counters, follow, waitForJob, waitForMirror } from './main-job/follow-sync';
import { platformServiceSpecs } from './main-job/platform-services';
import { processOneFolder } from './main-job/process-folder';
import { createGatewayClient } from '@sf/gateway-client';
import { startService, type RunningService } from './main-job/services';
import { registerClioApp, startSimulator } from './main-job/simulator';
import { renderSummary, type GroundTruth } from './main-job/summary';
import { proveWebhooks, renderWebhooksRun } from './main-job/webhooks-step';
import { startRunBus } from './bus/run-bus';

const USAGE = `Usage: npm start -- [--size small|medium|large] [--seed 42] [--rate-limit 600|off] [--keep] [--open-nats]
  --size        simulated firm size (default small)
  --seed        data generator seed (default 42)
  --rate-limit  Clio requests per minute per token (default 600; Clio's documented peak limit is 50)
  --keep        leave every service running after the sync (Ctrl-C stops them)
  --open-nats   use the server at NATS_URL without credentials (default: a locked nats-server of the run's own)`;

const opts = (): { size: string; seed: string; rateLimit: string; keep: boolean; openNats: boolean } => {
  const { values } = parseArgs({
    options: {
      size: { type: 'string' },
      seed: { type: 'string' },
      'rate-limit': { type: 'string' },
      keep: { type: 'boolean' },
      'open-nats': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  return {
    size: values.size ?? 'small',
    seed: values.seed ?? '42',
    rateLimit: values['rate-limit'] ?? '600',
    keep: values.keep ?? false,
    openNats: values['open-nats'] ?? false,
  };
};

const main = async (): Promise<void> => {
  const o = opts();
  const started = Date.now();
  const databaseUrl = process.env['DATABASE_URL'] || DEFAULT_DATABASE_URL;
  const logDir = path.resolve(__dirname, '..', 'tmp', 'main-job', new Date().toISOString().replace(/[:.]/g, '-'));
  // The locked configuration by default: a nats-server of this run's own, each process with its own credentials.
  const bus = o.openNats ? undefined : await startRunBus();
  const natsUrl = bus?.url ?? (process.env['NATS_URL'] || 'nats://127.0.0.1:4222');
  console.log(
    bus
      ? `0/8 locked nats-server on ${bus.url} (generated config, users: ${bus.users.map((u) => u.name).join(', ')})`
      : `0/8 open NATS at ${natsUrl} (--open-nats: no credentials)`,
  );
  const services: RunningService[] = [];
  const stopAll = async (): Promise<void> => {
    for (const s of [...services].reverse()) await s.stop();
    await bus?.dispose();
  };
  process.once('SIGINT', () => void stopAll().then(() => process.exit(130)));

  console.log(`1/8 database ${new URL(databaseUrl).pathname.slice(1)}: migrating`);
  await ensureDatabase(databaseUrl);
  const db = createDb<PlatformDb>({ url: databaseUrl, max: 2, applicationName: 'main-job' });
  try {
    await migrateToLatest(db, ALL_MIGRATION_SETS);

    // Secrets for this run only; none of them is printed.
    const jwtSecret = randomBytes(32).toString('hex');
    const clientSecret = randomBytes(24).toString('hex');
    const [simPort, authPort, orchPort, fetcherPort, processorPort, relayHealth, projectionsHealth, webhooksPort] =
      await Promise.all(Array.from({ length: 8 }, () => freePort()));
    const firmId = `demo-${Date.now().toString(36)}`;
    const authUrl = `http://127.0.0.1:${authPort}`;
    const orchUrl = `http://127.0.0.1:${orchPort}`;
    const common = {
      DATABASE_URL: databaseUrl,
      NATS_URL: natsUrl,
      AUTH_JWT_SECRET: jwtSecret,
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
    };

    console.log(
      `2/8 Clio simulator: generating a ${o.size} firm (seed ${o.seed}), ${o.rateLimit} requests/min per token`,
    );
    const sim = await startSimulator({
      port: simPort,
      size: o.size,
      seed: o.seed,
      rateLimit: o.rateLimit,
      env: common,
      logDir,
      timeoutMs: 180_000,
    });
    services.push(sim.service);
    const { control, origin: simOrigin } = sim;
    await registerClioApp(control, {
      clientId: 'smarter-firms-demo',
      clientSecret,
      name: 'Smarter Firms (demo)',
      authUrl,
      deauthorize: true,
    });

    console.log(
      '3/8 services: relay, projections, auth-service, sync-orchestrator, clio-fetcher, document-processor, webhooks',
    );
    const started3 = await Promise.all(
      platformServiceSpecs({
        common,
        ports: {
          auth: authPort,
          orchestrator: orchPort,
          fetcher: fetcherPort,
          processor: processorPort,
          relayHealth,
          projectionsHealth,
          webhooks: webhooksPort,
        },
        // The registrar's pass every 2 s (30 s in production), so the new firm's webhooks exist within seconds.
        webhooksRegistrarIntervalMs: 2_000,
        simOrigin,
        clientId: 'smarter-firms-demo',
        clientSecret,
        ...(bus ? { natsUsers: bus.users } : {}),
      })
        // Eight processes start at once and each migrates first: a slow machine needs more than a minute.
        .map((spec) => startService(spec, logDir, 120_000)),
    );
    services.push(...started3);

    console.log(
      `4/8 connecting firm ${firmId} to Clio (OAuth authorization code flow, auto-approved by the simulator)`,
    );
    const jwt = signJwt(
      { firm_id: firmId, sub: 'demo-user', exp: Math.floor(Date.now() / 1000) + 3600 },
      { alg: 'HS256', secret: jwtSecret },
    );
    const conn = await connectClio(authUrl, jwt, 'us');
    console.log(`    connected as Clio user ${conn.clioUserId}; the orchestrator starts the first-login sync`);

    console.log('5/8 firm-wide sync');
    const client = createGatewayClient({ baseUrl: orchUrl, token: jwt });
    const jobId = await waitForJob(client);
    const syncStarted = Date.now();
    const view = await follow(orchUrl, jwt, jobId, syncStarted, async () =>
      counters(
        await control<{ byToken: Record<string, { requests: number; byStatus: Record<string, number> }> }>(
          'GET',
          '/requests/counters',
        ),
      ),
    );
    if (view.state !== 'completed')
      throw new Error(`the sync ended ${view.state}: ${view.error?.message ?? 'no reason given'}`);

    console.log('6/8 checking the mirror against Clio');
    const truth = await control<GroundTruth>('GET', '/ground-truth');
    const checks = await waitForMirror(db, firmId, truth);
    const usage = counters(await control('GET', '/requests/counters'));
    for (const line of renderSummary({
      checks,
      apiCalls: usage.requests,
      r429: usage.r429,
      seconds: (Date.now() - syncStarted) / 1000,
      jobId,
      firmId,
      urls: {
        'job (with --keep)': `${orchUrl}/sync-jobs/${jobId}`,
        'Clio simulator': `${simOrigin}/api/v4`,
        'auth service': `${authUrl}/connections/clio`,
      },
      logDir,
    }))
      console.log(line);

    console.log(
      '7/8 processing one folder (POST /jobs: download every document of a frozen snapshot, record its SHA-256)',
    );
    const folder = await processOneFolder(client, orchUrl, jwt);
    console.log(
      folder === null
        ? '    no folder with documents in this firm'
        : `    job ${folder.jobId}: folder ${folder.folderId} of matter ${folder.matterId}, ${folder.total} documents: ` +
            `${folder.processed} processed, ${folder.skipped} skipped, ${folder.failed} failed in ${folder.seconds.toFixed(1)} s (${folder.status})`,
    );
    console.log('8/8 webhooks: records change in Clio for 10 s; the mirror follows through webhooks alone');
    const hooks = await proveWebhooks({ db, firmId, control, seconds: 10, opsPerMinute: 300 });
    for (const line of renderWebhooksRun(hooks)) console.log(line);
    // A development token for this run only (its secret dies with the run), so the URLs above answer instead of 401.
    console.log(`\nDevelopment JWT for firm ${firmId} (valid 1 h; with --keep the URLs above answer it):`);
    console.log(`  curl -H "Authorization: Bearer ${jwt}" ${orchUrl}/sync-jobs/${jobId}`);
    console.log(`\nDone in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
    const hooksOk = hooks.secondsToExact !== null && hooks.deliveries.appliedTwice === 0;
    if (!checks.every((c) => c.exact) || (folder !== null && folder.status !== 'completed') || !hooksOk)
      process.exitCode = 1;
    if (o.keep) {
      console.log('Services keep running (--keep); Ctrl-C stops them.');
      return;
    }
  } finally {
    await db.destroy();
    if (!o.keep) await stopAll();
  }
};

main().catch((err: unknown) => {
  console.error(`\nmain job failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
