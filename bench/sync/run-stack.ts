// One sync of a generated firm through the real stack (simulator + every service as its own process), measured.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { createDb, migrateToLatest } from '@sf/db';
import { ALL_MIGRATION_SETS } from '../../tools/migration-sets';
import { createDatabase, dbUrl, dropDatabase } from '../eventlog/bench-db';
import { signJwt } from '@sf/http-auth';
import { connectClio } from '../../tools/main-job/connect';
import { freePort } from '../../tools/main-job/free-port';
import { platformServiceSpecs } from '../../tools/main-job/platform-services';
import { startService, type RunningService } from '../../tools/main-job/services';
import { registerClioApp, startSimulator } from '../../tools/main-job/simulator';
import { checkMirror, type GroundTruth } from '../../tools/main-job/summary';

/**
 * How long each service may take to answer its readiness check. Six processes compile at once on start; on a loaded
 * 2-core machine that took longer than the default minute. `BENCH_SYNC_START_TIMEOUT_MS`, default 180 000.
 */
const SERVICE_START_TIMEOUT_MS = Number(process.env['BENCH_SYNC_START_TIMEOUT_MS'] ?? 180_000);

export interface StackRun {
  size: string;
  rateLimitPerMin: number | 'off';
  /** From the job's start to the mirror equal to Clio, seconds. */
  wallS: number;
  requests: number;
  r429: number;
  records: number;
  mirrorExact: boolean;
  fetcherRssMb: number;
  /** API requests per Clio rate window (60 s, epoch-aligned like the simulator's) from the job's start. */
  requestsPerWindow: number[];
  /** Seconds into its rate window at which the job started (windows are epoch-aligned, so the first is partial). */
  startOffsetS: number;
}

/** Requests per epoch-aligned 60 s window from the window holding `startedAt` (the simulator's request log). */
const windowsOf = (entries: Array<{ at: number; path: string }>, startedAt: number): number[] => {
  const first = Math.floor(startedAt / 60_000);
  const counts: number[] = [];
  for (const e of entries) {
    if (!e.path.startsWith('/api/')) continue;
    const w = Math.floor(e.at / 60_000) - first;
    if (w < 0) continue;
    while (counts.length <= w) counts.push(0);
    counts[w]! += 1;
  }
  return counts;
};

const peakRssMb = (pid: number | undefined): number => {
  if (!pid) return NaN;
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
};

export const runStack = async (opts: {
  adminUrl: string;
  natsUrl: string;
  size: string;
  rateLimitPerMin: number | 'off';
  logDir: string;
}): Promise<StackRun> => {
  const dbName = `bench_sync_${process.pid}_${randomBytes(3).toString('hex')}`;
  await createDatabase(opts.adminUrl, dbName);
  const databaseUrl = dbUrl(opts.adminUrl, dbName);
  const db = createDb({ url: databaseUrl, max: 2, applicationName: 'bench-sync' });
  const services: RunningService[] = [];
  try {
    await migrateToLatest(db, ALL_MIGRATION_SETS);
    const jwtSecret = randomBytes(32).toString('hex');
    const clientSecret = randomBytes(24).toString('hex');
    const [simPort, authPort, orchPort, fetcherPort, relayHealth, projectionsHealth] = await Promise.all(
      Array.from({ length: 6 }, () => freePort()),
    );
    // A namespace of its own, so the run never shares streams or RPC subjects with a stack already running here.
    const ns = `bench${randomBytes(3).toString('hex')}`;
    const common = {
      DATABASE_URL: databaseUrl,
      NATS_URL: opts.natsUrl,
      AUTH_JWT_SECRET: jwtSecret,
      LOG_LEVEL: process.env['BENCH_LOG_LEVEL'] ?? 'warn',
      HOST: '127.0.0.1',
      SF_NATS_NAMESPACE: ns,
      SF_EVENTS_STREAM: `${ns}_EVENTS`.toUpperCase(),
      SF_DLQ_STREAM: `${ns}_DLQ`.toUpperCase(),
    };
    const authUrl = `http://127.0.0.1:${authPort}`;
    const logDir = path.join(opts.logDir, `${opts.size}-${opts.rateLimitPerMin}`);
    const sim = await startSimulator({
      port: simPort!,
      size: opts.size,
      seed: '7',
      rateLimit: String(opts.rateLimitPerMin),
      env: common,
      logDir,
      timeoutMs: 300_000,
    });
    services.push(sim.service);
    const { control, origin: simOrigin } = sim;
    await registerClioApp(control, { clientId: 'bench', clientSecret, name: 'bench', authUrl });
    services.push(
      ...(await Promise.all([
        ...platformServiceSpecs({
          common,
          ports: { auth: authPort, orchestrator: orchPort, fetcher: fetcherPort, relayHealth, projectionsHealth },
          simOrigin,
          clientId: 'bench',
          clientSecret,
        }).map((spec) => startService(spec, logDir, SERVICE_START_TIMEOUT_MS)),
      ])),
    );
    const fetcher = services.find((s) => s.name === 'clio-fetcher')!;
    const firmId = `bench-${opts.size}`;
    const jwt = signJwt(
      { firm_id: firmId, sub: 'bench', exp: Math.floor(Date.now() / 1000) + 7200 },
      { alg: 'HS256', secret: jwtSecret },
    );
    await connectClio(authUrl, jwt, 'us');
    const truth = await control<GroundTruth>('GET', '/ground-truth');

    // Done = the job completed and the mirror (what users read) equals Clio.
    let checks = await checkMirror(db, firmId, truth);
    for (const deadline = Date.now() + 60 * 60_000; !checks.every((c) => c.exact) && Date.now() < deadline;) {
      await new Promise((r) => setTimeout(r, 250));
      const { rows } = await sql<{ state: string }>`select state from sync_jobs where firm_id = ${firmId}`.execute(db);
      if (rows.some((r) => r.state === 'failed' || r.state === 'cancelled'))
        throw new Error(`sync ended ${rows[0]!.state} (logs: ${logDir})`);
      if (rows.some((r) => r.state === 'completed')) checks = await checkMirror(db, firmId, truth);
    }
    const done = Date.now();
    // Records the sync mirrors (the ground truth also counts document versions, which are not synced).
    const records = checks.reduce((n, c) => n + c.clio, 0);
    const { rows } = await sql<{
      started_at: Date | string | null;
    }>`select started_at from sync_jobs where firm_id = ${firmId}`.execute(db);
    const startedAt = rows[0]?.started_at ? new Date(rows[0].started_at).getTime() : NaN;
    const counters = await control<{ byToken: Record<string, { requests: number; byStatus: Record<string, number> }> }>(
      'GET',
      '/requests/counters',
    );
    const usage = Object.values(counters.byToken).reduce(
      (a, t) => ({ requests: a.requests + t.requests, r429: a.r429 + (t.byStatus['429'] ?? 0) }),
      { requests: 0, r429: 0 },
    );
    const log = await control<{ entries: Array<{ at: number; path: string }> }>('GET', '/requests?limit=100000');
    return {
      requestsPerWindow: windowsOf(log.entries, startedAt),
      startOffsetS: Math.round((startedAt % 60_000) / 100) / 10,
      size: opts.size,
      rateLimitPerMin: opts.rateLimitPerMin,
      wallS: (done - startedAt) / 1000,
      requests: usage.requests,
      r429: usage.r429,
      records,
      mirrorExact: checks.every((c) => c.exact),
      fetcherRssMb: peakRssMb(fetcher.child.pid),
    };
  } finally {
    for (const s of [...services].reverse()) await s.stop();
    await db.destroy();
    await dropDatabase(opts.adminUrl, dbName, 'force');
  }
};
