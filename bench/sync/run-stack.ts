// One sync of a generated firm through the real stack (simulator + every service as its own process), measured.
import path from 'node:path';
import { sql } from 'kysely';
import { startPlatformStack } from '../../tools/stack/platform-stack';
import { checkMirror, type GroundTruth } from '../../tools/main-job/summary';
import { peakRssMb, sampleCpu, type CpuUse } from './process-usage';

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
  /** CPU seconds of each process over the run (Postgres backends as `pg:<application>`), the largest first. */
  cpuS: CpuUse[];
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

export const runStack = async (opts: {
  adminUrl: string;
  natsUrl: string;
  size: string;
  rateLimitPerMin: number | 'off';
  logDir: string;
}): Promise<StackRun> => {
  const stack = await startPlatformStack({
    adminUrl: opts.adminUrl,
    natsUrl: opts.natsUrl,
    logDir: path.join(opts.logDir, `${opts.size}-${opts.rateLimitPerMin}`),
    label: 'bench',
    simulator: { size: opts.size, seed: '7', rateLimit: String(opts.rateLimitPerMin) },
    env: { LOG_LEVEL: process.env['BENCH_LOG_LEVEL'] ?? 'warn' },
    startTimeoutMs: SERVICE_START_TIMEOUT_MS,
  });
  const cpu = sampleCpu({
    adminUrl: opts.adminUrl,
    databaseUrl: stack.databaseUrl,
    processes: () => stack.services.map((s) => ({ name: s.name, pid: s.child.pid })),
  });
  try {
    const { db, control } = stack;
    const firmId = stack.firmIds[0]!;
    const truth = await control<GroundTruth>('GET', '/ground-truth');
    // Done = the job completed and the mirror (what users read) equals Clio.
    let checks = await checkMirror(db, firmId, truth);
    for (const deadline = Date.now() + 60 * 60_000; !checks.every((c) => c.exact) && Date.now() < deadline;) {
      await new Promise((r) => setTimeout(r, 250));
      const jobs = await stack.jobs(firmId);
      if (jobs.some((r) => r.state === 'failed' || r.state === 'cancelled'))
        throw new Error(`sync ended ${jobs[0]!.state} (logs: ${opts.logDir})`);
      if (jobs.some((r) => r.state === 'completed')) checks = await checkMirror(db, firmId, truth);
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
      fetcherRssMb: peakRssMb(stack.services.find((s) => s.name === 'clio-fetcher')?.child.pid),
      cpuS: await cpu.stop(),
    };
  } finally {
    await cpu.stop();
    await stack.close();
  }
};
