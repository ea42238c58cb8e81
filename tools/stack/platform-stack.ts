// The whole platform as child processes on a database of its own, against a NATS server (or cluster) and a Postgres
// server the caller names, with the Clio simulator and firms connected to it through OAuth (each firm its own token).
// One start for the outage tests, the soak, the many-replicas test and the sync and scale benchmarks.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { createDb, migrateToLatest } from '@sf/db';
import { DEFAULT_BUS_NAMES, changesStreamBeside, type BusUser } from '@sf/messaging';
import { signJwt } from '@sf/http-auth';
import { createDatabase, dropDatabase } from '@sf/testing';
import { ALL_MIGRATION_SETS, type PlatformDb } from '../migration-sets';
import { connectClio } from '../main-job/connect';
import { freePort } from '@sf/testing';
import { platformServiceSpecs, type PlatformPorts } from '../main-job/platform-services';
import { startService, type RunningService, type ServiceSpec } from '../main-job/services';
import { registerClioApp, startSimulator, type SimulatorControl } from '../main-job/simulator';
import { checkMirror, type GroundTruth, type MirrorCheck } from '../main-job/summary';
import { replicate } from './replicas';

export interface PlatformStackOptions {
  /** Admin URL of the Postgres server the run's database is created on. */
  adminUrl: string;
  /** One URL, or the comma-separated seed list of a cluster's nodes. */
  natsUrl: string;
  logDir: string;
  /** Names the run's database, namespace and firms (`outage`, `rep`, `bench`). */
  label: string;
  simulator: {
    size: string;
    seed: string;
    /** Requests per minute per token, or `off`. */
    rateLimit: string;
    /** `--counts` overrides of the size's record counts (`contacts=100,matters=40`). */
    counts?: string;
    /** Latency per request, ms (stretches a sync so a fault lands in its middle). */
    latencyMs?: number;
  };
  /** Firms connected (each syncs on its own from its first login). Default 1. */
  firms?: number;
  /** Replicas of every process, named `<process>#<n>`. Absent: one of each under its plain name. */
  replicas?: number;
  /** Fetcher processes (without `replicas`). Default 1. */
  fetchers?: number;
  /** Also start the document processor. Default false (syncs only). */
  processor?: boolean;
  /**
   * The users of a locked server (`OwnNatsServer.users`): each process connects as its own, and the stack uses the
   * production namespace and stream names the permissions name (the server is the caller's alone). Absent: an open
   * server, a unique namespace.
   */
  natsUsers?: readonly Pick<BusUser, 'name' | 'password'>[];
  /**
   * Also start the webhooks service: `webhooks` (every role, the origin the simulator posts to) and `replicas - 1`
   * more running the registrar and the applier. Absent: no webhooks.
   */
  webhooks?: { replicas?: number; registrarIntervalMs?: number };
  /** Environment added to every process (after the stack's own). */
  env?: NodeJS.ProcessEnv;
  /** How long each process may take to start, ms. Default 180,000. */
  startTimeoutMs?: number;
}

export interface PlatformStack {
  db: Kysely<PlatformDb>;
  /** The run's database (for tools run against the stack, e.g. `sf`). */
  databaseUrl: string;
  namespace: string;
  eventsStream: string;
  /** The record-changes stream beside it. */
  changesStream: string;
  firmIds: string[];
  /** A gateway JWT of the firm, valid for two hours. */
  jwtOf(firmId: string): string;
  orchestratorUrl: string;
  services: RunningService[];
  specs: ServiceSpec[];
  /** Every process's /health/ready URL by process name (the simulator excluded). */
  health: Record<string, string>;
  control: SimulatorControl;
  /** The firm's sync jobs, oldest first. */
  jobs(firmId: string): Promise<{ job_id: string; state: string }[]>;
  mirror(firmId: string): Promise<MirrorCheck[]>;
  /** SIGKILLs the process `name` (as a crash would). */
  kill(name: string): Promise<void>;
  /** Starts the process `name` again from its spec (what a supervisor does); waits until it is ready. */
  restart(name: string): Promise<void>;
  close(): Promise<void>;
}

export const startPlatformStack = async (o: PlatformStackOptions): Promise<PlatformStack> => {
  const id = `${o.label}${randomBytes(3).toString('hex')}`;
  const dbName = `${o.label}_${process.pid}_${id}`;
  const databaseUrl = await createDatabase(o.adminUrl, dbName);
  const db = createDb<PlatformDb>({ url: databaseUrl, max: 3, applicationName: `${o.label}-stack` });
  const services: RunningService[] = [];
  const close = async (): Promise<void> => {
    await Promise.all(services.map((s) => s.stop()));
    await db.destroy();
    await dropDatabase(o.adminUrl, dbName).catch(() => undefined);
  };
  try {
    await migrateToLatest(db, ALL_MIGRATION_SETS);
    const jwtSecret = randomBytes(32).toString('hex');
    const clientSecret = randomBytes(24).toString('hex');
    const locked = (o.natsUsers ?? []).length > 0;
    const namespace = locked ? DEFAULT_BUS_NAMES.namespace : id;
    const eventsStream = locked ? DEFAULT_BUS_NAMES.eventsStream : `${namespace}_EVENTS`.toUpperCase();
    const common = {
      DATABASE_URL: databaseUrl,
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
    const logDir = path.join(o.logDir, id);
    const startTimeoutMs = o.startTimeoutMs ?? 180_000;
    const sim = await startSimulator({
      port: await freePort(),
      size: o.simulator.size,
      seed: o.simulator.seed,
      rateLimit: o.simulator.rateLimit,
      ...(o.simulator.counts ? { counts: o.simulator.counts } : {}),
      ...(o.simulator.latencyMs === undefined ? {} : { latencyMs: o.simulator.latencyMs }),
      env: common,
      logDir,
      timeoutMs: startTimeoutMs,
    });
    services.push(sim.service);
    const { control } = sim;
    const ports: PlatformPorts = {
      auth: await freePort(),
      orchestrator: await freePort(),
      fetcher: await freePort(),
      relayHealth: await freePort(),
      projectionsHealth: await freePort(),
      extraFetchers: await Promise.all(Array.from({ length: (o.fetchers ?? 1) - 1 }, freePort)),
      ...(o.processor ? { processor: await freePort() } : {}),
      ...(o.webhooks
        ? {
            webhooks: await freePort(),
            extraWebhooks: await Promise.all(
              Array.from({ length: Math.max(1, o.webhooks.replicas ?? 1) - 1 }, freePort),
            ),
          }
        : {}),
    };
    const authUrl = `http://127.0.0.1:${ports.auth}`;
    await registerClioApp(control, { clientId: o.label, clientSecret, name: o.label, authUrl });
    const base = platformServiceSpecs({
      common,
      ports,
      simOrigin: sim.origin,
      clientId: o.label,
      clientSecret,
      ...(locked ? { natsUsers: o.natsUsers } : {}),
      ...(o.webhooks?.registrarIntervalMs === undefined
        ? {}
        : { webhooksRegistrarIntervalMs: o.webhooks.registrarIntervalMs }),
    });
    const specs = o.replicas === undefined ? base : await replicate(base, o.replicas, freePort);
    // Every process that started is tracked before a failure is thrown, so `close` stops them all.
    const started = await Promise.allSettled(specs.map((spec) => startService(spec, logDir, startTimeoutMs)));
    for (const r of started) if (r.status === 'fulfilled') services.push(r.value);
    const failed = started.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;

    const jwtOf = (firmId: string): string =>
      signJwt(
        { firm_id: firmId, sub: o.label, exp: Math.floor(Date.now() / 1000) + 7200 },
        { alg: 'HS256', secret: jwtSecret },
      );
    // Each firm connects the simulator's account through OAuth; its first-login sync starts on its own.
    const firms = o.firms ?? 1;
    const firmIds = Array.from({ length: firms }, (_, i) => (firms === 1 ? `${o.label}-${id}` : `${id}-firm-${i + 1}`));
    for (const firmId of firmIds) await connectClio(authUrl, jwtOf(firmId), 'us');
    return {
      db,
      databaseUrl,
      namespace,
      eventsStream,
      changesStream: changesStreamBeside(eventsStream),
      firmIds,
      jwtOf,
      orchestratorUrl: `http://127.0.0.1:${ports.orchestrator}`,
      services,
      specs,
      health: Object.fromEntries(specs.map((s) => [s.name, s.readyUrl!])),
      control,
      jobs: async (firmId) =>
        (
          await sql<{ job_id: string; state: string }>`
            select job_id, state from sync_jobs where firm_id = ${firmId} order by requested_at`.execute(db)
        ).rows,
      mirror: async (firmId) => checkMirror(db, firmId, await control<GroundTruth>('GET', '/ground-truth')),
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
