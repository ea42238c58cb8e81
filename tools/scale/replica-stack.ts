// The platform with N replicas of every process against a NATS cluster the caller owns, and several firms connected
// to the simulator's account (each its own firm, token and mirror rows), for the many-replicas test.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';
import { sql, type Kysely } from 'kysely';
import { createDb, migrateToLatest } from '@sf/db';
import { signJwt } from '@sf/http-auth';
import { ALL_MIGRATION_SETS, type PlatformDb } from '../migration-sets';
import { connectClio } from '../main-job/connect';
import { freePort } from '../main-job/free-port';
import { platformServiceSpecs } from '../main-job/platform-services';
import { startService, type RunningService } from '../main-job/services';
import { checkMirror, type GroundTruth, type MirrorCheck } from '../main-job/summary';
import { replicate } from './replicas';

export interface ReplicaStackOptions {
  adminUrl: string;
  /** Comma-separated seed list of the cluster's nodes. */
  natsUrl: string;
  logDir: string;
  replicas: number;
  firms: number;
  /** Simulator latency per request, ms (stretches the syncs so the kills land in them). */
  latencyMs: number;
  env?: NodeJS.ProcessEnv;
}

export interface ReplicaStack {
  db: Kysely<PlatformDb>;
  firmIds: string[];
  eventsStream: string;
  /** Every replica, by its name `<process>#<n>`. */
  services: RunningService[];
  jobs(firmId: string): Promise<{ job_id: string; state: string }[]>;
  mirror(firmId: string): Promise<MirrorCheck[]>;
  kill(name: string): Promise<void>;
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

export const startReplicaStack = async (o: ReplicaStackOptions): Promise<ReplicaStack> => {
  const namespace = `rep${randomBytes(3).toString('hex')}`;
  const dbName = `replicas_${process.pid}_${namespace}`;
  await admin(o.adminUrl, `CREATE DATABASE "${dbName}"`);
  const u = new URL(o.adminUrl);
  u.pathname = `/${dbName}`;
  const db = createDb<PlatformDb>({ url: u.toString(), max: 3, applicationName: 'replica-test' });
  const services: RunningService[] = [];
  const close = async (): Promise<void> => {
    await Promise.all(services.map((s) => s.stop()));
    await db.destroy();
    await admin(o.adminUrl, `DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`).catch(() => undefined);
  };
  try {
    await migrateToLatest(db, ALL_MIGRATION_SETS);
    const jwtSecret = randomBytes(32).toString('hex');
    const clientSecret = randomBytes(24).toString('hex');
    const eventsStream = `${namespace}_EVENTS`.toUpperCase();
    const common = {
      DATABASE_URL: u.toString(),
      NATS_URL: o.natsUrl,
      AUTH_JWT_SECRET: jwtSecret,
      LOG_LEVEL: 'info',
      HOST: '127.0.0.1',
      SF_NATS_NAMESPACE: namespace,
      SF_EVENTS_STREAM: eventsStream,
      SF_DLQ_STREAM: `${namespace}_DLQ`.toUpperCase(),
      ...o.env,
    };
    const logDir = path.join(o.logDir, namespace);
    const simPort = await freePort();
    const simOrigin = `http://127.0.0.1:${simPort}`;
    const simArgs = ['--size', 'small', '--seed', '17', '--port', String(simPort), '--rate-limit', 'off'];
    services.push(
      await startService(
        {
          name: 'clio-simulator',
          entry: 'simulator/cli/src/main.ts',
          args: [...simArgs, '--latency', String(o.latencyMs)],
          env: common,
          readyUrl: `${simOrigin}/_control/health`,
        },
        logDir,
        180_000,
      ),
    );
    const control = async <T>(method: string, p: string, body?: unknown): Promise<T> => {
      const res = await fetch(`${simOrigin}/_control${p}`, {
        method,
        headers: { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (!res.ok) throw new Error(`simulator control ${method} ${p}: HTTP ${res.status}`);
      return (await res.json()) as T;
    };
    const ports = {
      auth: await freePort(),
      orchestrator: await freePort(),
      fetcher: await freePort(),
      processor: await freePort(),
      relayHealth: await freePort(),
      projectionsHealth: await freePort(),
    };
    const authUrl = `http://127.0.0.1:${ports.auth}`;
    await control('POST', '/oauth/apps', {
      clientId: 'replicas',
      clientSecret,
      name: 'replicas',
      redirectUris: [`${authUrl}/connections/clio/callback`],
    });
    await control('PUT', '/oauth/auto-approve', { enabled: true });
    const base = platformServiceSpecs({ common, ports, simOrigin, clientId: 'replicas', clientSecret });
    const specs = await replicate(base, o.replicas, freePort);
    const started = await Promise.allSettled(specs.map((spec) => startService(spec, logDir, 180_000)));
    for (const r of started) if (r.status === 'fulfilled') services.push(r.value);
    const failed = started.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;

    // Each firm connects the simulator's account through OAuth; the first-login sync of each starts on its own.
    const firmIds = Array.from({ length: o.firms }, (_, i) => `${namespace}-firm-${i + 1}`);
    for (const firmId of firmIds) {
      const jwt = signJwt(
        { firm_id: firmId, sub: 'replicas', exp: Math.floor(Date.now() / 1000) + 7200 },
        { alg: 'HS256', secret: jwtSecret },
      );
      await connectClio(authUrl, jwt, 'us');
    }
    return {
      db,
      firmIds,
      eventsStream,
      services,
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
      close,
    };
  } catch (e) {
    await close();
    throw e;
  }
};
