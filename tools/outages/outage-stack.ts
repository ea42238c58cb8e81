// The whole platform as child processes against a NATS server (and optionally a Postgres cluster) the caller owns,
// so outage tests and the soak can kill them. Every process serves /health/ready (relay and projections included).
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';
import { sql, type Kysely } from 'kysely';
import { createDb, migrateToLatest } from '@sf/db';
import { DEFAULT_BUS_NAMES, type BusUser } from '@sf/messaging';
import { signJwt } from '@sf/http-auth';
import { ALL_MIGRATION_SETS, type PlatformDb } from '../migration-sets';
import { connectClio } from '../main-job/connect';
import { freePort } from '../main-job/free-port';
import { platformServiceSpecs, type PlatformPorts } from '../main-job/platform-services';
import { startService, type RunningService } from '../main-job/services';
import { registerClioApp, startSimulator, type SimulatorControl } from '../main-job/simulator';
import { startFolderJob } from '../main-job/process-folder';
import { createGatewayClient } from '@sf/gateway-client';
import { checkMirror, type GroundTruth, type MirrorCheck } from '../main-job/summary';

export interface OutageStackOptions {
  /** Admin URL of the Postgres server the run's database is created on. */
  adminUrl: string;
  natsUrl: string;
  logDir: string;
  /** Simulated firm size. Default small. */
  size?: string;
  /** Simulator latency per request, ms (stretches the sync so an outage lands in the middle). Default 60. */
  latencyMs?: number;
  /** Fetcher replicas. Default 1. */
  fetchers?: number;
  /** Environment added to every process. */
  env?: NodeJS.ProcessEnv;
  /**
   * The users of a locked server (`OwnNatsServer.users`): each process connects as its own, and the stack uses the
   * production namespace and stream names the permissions name (the server is the caller's alone). Empty or
   * absent: an open server, a unique namespace.
   */
  natsUsers?: readonly Pick<BusUser, 'name' | 'password'>[];
  /** Also start the document processor. Default false (syncs only). */
  processor?: boolean;
  /**
   * Also start the webhooks service: `webhooks` (every role, the origin the simulator posts to) and `replicas - 1`
   * more running the registrar and the applier. Absent: no webhooks.
   */
  webhooks?: { replicas?: number; registrarIntervalMs?: number };
  /** How long each process may take to be ready at start and at a restart, ms. Default 120 000. */
  startTimeoutMs?: number;
}

export interface OutageStack {
  db: Kysely<PlatformDb>;
  /** The run's database (for tools run against the stack, e.g. `sf`). */
  databaseUrl: string;
  firmId: string;
  namespace: string;
  eventsStream: string;
  /** The orchestrator's base URL and a JWT of the firm for it. */
  orchestratorUrl: string;
  jwt: string;
  services: RunningService[];
  /** Every process's /health/ready URL by process name (the simulator excluded). */
  health: Record<string, string>;
  control: SimulatorControl;
  /** POST /firms/:id/sync (manual): the decision's HTTP status. */
  requestFirmSync(): Promise<number>;
  /** The firm's jobs, oldest first. */
  jobs(): Promise<{ job_id: string; state: string }[]>;
  mirror(): Promise<MirrorCheck[]>;
  /** POST /jobs for the folder with the most documents (the document processor runs it): the job id. */
  startProcessingJob(): Promise<string>;
  /** SIGKILLs the process `name` (as a crash would). */
  kill(name: string): Promise<void>;
  /** Starts the process `name` again from its spec (what a supervisor does); waits until it is ready. */
  restart(name: string): Promise<void>;
  close(): Promise<void>;
}

const admin = async (adminUrl: string, q: string): Promise<void> => {
  const c = new Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(q);
  } finally {
    await c.end();
  }
};

export const startOutageStack = async (o: OutageStackOptions): Promise<OutageStack> => {
  const dbName = `outage_${process.pid}_${randomBytes(3).toString('hex')}`;
  await admin(o.adminUrl, `CREATE DATABASE "${dbName}"`);
  const u = new URL(o.adminUrl);
  u.pathname = `/${dbName}`;
  const db = createDb<PlatformDb>({ url: u.toString(), max: 3, applicationName: 'outage-test' });
  const services: RunningService[] = [];
  const close = async (): Promise<void> => {
    for (const s of [...services].reverse()) await s.stop();
    await db.destroy();
    await admin(o.adminUrl, `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch(() => undefined);
  };
  try {
    await migrateToLatest(db, ALL_MIGRATION_SETS);
    const jwtSecret = randomBytes(32).toString('hex');
    const clientSecret = randomBytes(24).toString('hex');
    const fetchers = o.fetchers ?? 1;
    const hooks = o.webhooks ? Math.max(1, o.webhooks.replicas ?? 1) : 0;
    const [simPort, auth, orchestrator, fetcher, relayHealth, projectionsHealth, processor, ...more] =
      await Promise.all(Array.from({ length: 6 + fetchers + hooks }, freePort));
    const [webhooks, ...extraWebhooks] = more.slice(fetchers - 1);
    const ports: PlatformPorts = {
      auth: auth!,
      orchestrator: orchestrator!,
      fetcher: fetcher!,
      relayHealth: relayHealth!,
      projectionsHealth: projectionsHealth!,
      extraFetchers: more.slice(0, fetchers - 1),
      ...(o.processor ? { processor: processor! } : {}),
      ...(webhooks === undefined ? {} : { webhooks, extraWebhooks }),
    };
    const locked = (o.natsUsers ?? []).length > 0;
    const id = `out${randomBytes(3).toString('hex')}`;
    const namespace = locked ? DEFAULT_BUS_NAMES.namespace : id;
    const eventsStream = locked ? DEFAULT_BUS_NAMES.eventsStream : `${namespace}_EVENTS`.toUpperCase();
    const common = {
      DATABASE_URL: u.toString(),
      NATS_URL: o.natsUrl,
      AUTH_JWT_SECRET: jwtSecret,
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      ...(locked
        ? {}
        : {
            SF_NATS_NAMESPACE: namespace,
            SF_EVENTS_STREAM: eventsStream,
            SF_DLQ_STREAM: `${namespace}_DLQ`.toUpperCase(),
          }),
      ...o.env,
    };
    const authUrl = `http://127.0.0.1:${auth}`;
    const logDir = path.join(o.logDir, id);
    const sim = await startSimulator({
      port: simPort!,
      size: o.size ?? 'small',
      seed: '11',
      rateLimit: 'off',
      latencyMs: o.latencyMs ?? 60,
      env: common,
      logDir,
      timeoutMs: 180_000,
    });
    services.push(sim.service);
    const { control, origin: simOrigin } = sim;
    await registerClioApp(control, { clientId: 'outage', clientSecret, name: 'outage', authUrl });
    const specs = platformServiceSpecs({
      common,
      ports,
      simOrigin,
      clientId: 'outage',
      clientSecret,
      ...(locked ? { natsUsers: o.natsUsers } : {}),
      ...(o.webhooks?.registrarIntervalMs === undefined
        ? {}
        : { webhooksRegistrarIntervalMs: o.webhooks.registrarIntervalMs }),
    });
    // Every process that started is tracked before a failure is thrown, so `close` stops them all.
    const startTimeoutMs = o.startTimeoutMs ?? 120_000;
    const started = await Promise.allSettled(specs.map((spec) => startService(spec, logDir, startTimeoutMs)));
    for (const r of started) if (r.status === 'fulfilled') services.push(r.value);
    const failed = started.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;
    const firmId = `outage-${id}`;
    const jwt = signJwt(
      { firm_id: firmId, sub: 'outage', exp: Math.floor(Date.now() / 1000) + 7200 },
      { alg: 'HS256', secret: jwtSecret },
    );
    await connectClio(authUrl, jwt, 'us');
    return {
      db,
      databaseUrl: u.toString(),
      firmId,
      namespace,
      eventsStream,
      orchestratorUrl: `http://127.0.0.1:${orchestrator}`,
      jwt,
      services,
      health: Object.fromEntries(specs.map((s) => [s.name, s.readyUrl!])),
      control,
      requestFirmSync: async () =>
        (
          await fetch(`http://127.0.0.1:${orchestrator}/firms/${firmId}/sync`, {
            method: 'POST',
            headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' },
            body: JSON.stringify({}),
          })
        ).status,
      jobs: async () =>
        (
          await sql<{ job_id: string; state: string }>`
            select job_id, state from sync_jobs where firm_id = ${firmId} order by requested_at`.execute(db)
        ).rows,
      mirror: async () => checkMirror(db, firmId, await control<GroundTruth>('GET', '/ground-truth')),
      startProcessingJob: async () => {
        const orchUrl = `http://127.0.0.1:${orchestrator}`;
        const job = await startFolderJob(createGatewayClient({ baseUrl: orchUrl, token: jwt }), orchUrl, jwt);
        if (job === null) throw new Error('no folder with documents to process');
        return job.jobId;
      },
      kill: async (name) => {
        const s = services.find((x) => x.name === name);
        if (!s || s.child.exitCode !== null || s.child.signalCode !== null) return;
        const exited = new Promise((r) => s.child.once('exit', r));
        s.child.kill('SIGKILL');
        await exited;
      },
      restart: async (name) => {
        const spec = specs.find((x) => x.name === name);
        const i = services.findIndex((x) => x.name === name);
        if (!spec || i < 0) throw new Error(`no process ${name}`);
        services[i] = await startService(spec, logDir, startTimeoutMs);
      },
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
};
