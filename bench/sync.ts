// `npm run bench:sync`: the sync through the real stack (simulator + every service as a process) against its bounds.
// 1. A large firm at a fixed rate limit: wall time beside the bound (requests needed / allowed rate), budget
//    utilisation, 429s. 2. Rate limiting off: records/s into the mirror beside the simulator's own serving rate of the
//    same data. 3. Fetcher peak RSS for small, medium and large firms. Last line: one JSON object.
import path from 'node:path';
import { runStack, type StackRun } from './sync/run-stack';
import { simulatorRecordsPerSecond } from './sync/simulator-baseline';
import { formatCpu } from './sync/process-usage';

const totalCpuS = (r: StackRun): number => r.cpuS.reduce((n, c) => n + c.cpuS, 0);

const ADMIN_URL = process.env['BENCH_ADMIN_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const NATS_URL = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';
// Low enough that a large firm spans several 60 s windows: with fewer requests than one window allows, Clio's fixed
// windows let a sync burst through and the bound says little.
const RATE_LIMIT = Number(process.env['BENCH_SYNC_RATE_LIMIT'] ?? 200);
const THROTTLED_SIZE = process.env['BENCH_SYNC_SIZE'] ?? 'large';
const logDir = path.resolve(__dirname, '..', 'tmp', 'bench-sync', new Date().toISOString().replace(/[:.]/g, '-'));

const line = (r: StackRun): string =>
  `  ${r.size.padEnd(6)} rate ${String(r.rateLimitPerMin).padStart(5)}/min  ${String(r.records).padStart(7)} records  ${r.requests} requests  ` +
  `${r.wallS.toFixed(1)} s  ${(r.records / r.wallS).toFixed(0)} records/s  429s ${r.r429}  fetcher RSS ${r.fetcherRssMb} MB  mirror ${r.mirrorExact ? 'exact' : 'MISMATCH'}`;

const main = async (): Promise<void> => {
  console.log(`bench:sync — logs in ${logDir}`);
  const base = { adminUrl: ADMIN_URL, natsUrl: NATS_URL, logDir };

  console.log('unthrottled syncs (rate limiting off):');
  const free: StackRun[] = [];
  // BENCH_SYNC_THROTTLED_ONLY=1: only the throttled run (a diagnosis of the budget's use, no JSON line).
  const sizes = process.env['BENCH_SYNC_THROTTLED_ONLY'] === '1' ? [] : ['small', 'medium', 'large'];
  for (const size of sizes) {
    const r = await runStack({ ...base, size, rateLimitPerMin: 'off' });
    free.push(r);
    console.log(line(r));
    console.log(`    CPU while syncing: ${formatCpu(r.cpuS)}`);
  }
  const sim =
    sizes.length === 0
      ? { recordsPerS: NaN, records: 0, seconds: 0, cold: { recordsPerS: NaN, records: 0, seconds: 0 } }
      : await simulatorRecordsPerSecond({ size: 'large', logDir });
  console.log(
    `  simulator alone, same data and fields, one page at a time: ${sim.recordsPerS.toFixed(0)} records/s (${sim.records} records in ${sim.seconds.toFixed(1)} s, ` +
      `its JSON cache filled); cold, as a sync gets the pages: ${sim.cold.recordsPerS.toFixed(0)} records/s`,
  );
  const large = free.find((r) => r.size === 'large');
  const ratio = (simRate: number): number => (large ? large.records / large.wallS / simRate : NaN);
  if (large)
    console.log(
      `  large unthrottled ÷ simulator: ${ratio(sim.recordsPerS).toFixed(3)} (target >= 0.5); ` +
        `÷ the cold simulator: ${ratio(sim.cold.recordsPerS).toFixed(3)}; ` +
        `records per CPU-second of the whole platform: ${(large.records / totalCpuS(large)).toFixed(0)}`,
    );

  console.log(`throttled sync (${RATE_LIMIT} requests/min per token):`);
  const t = await runStack({ ...base, size: THROTTLED_SIZE, rateLimitPerMin: RATE_LIMIT });
  console.log(line(t));
  const boundS = t.requests / (RATE_LIMIT / 60);
  // Share of the allowed rate actually used over the run (bound / wall); above 1 only when bursting across a window edge.
  const utilisation = boundS / t.wallS;
  console.log(
    `  bound ${boundS.toFixed(1)} s (requests / allowed rate); wall/bound ${(t.wallS / boundS).toFixed(3)} (target <= 1.10); ` +
      `budget utilisation ${(utilisation * 100).toFixed(1)}%; 429s ${t.r429} (${((t.r429 / t.requests) * 100).toFixed(2)}% of requests, target < 1%)`,
  );

  console.log(
    `  requests per rate window from the job's start (started ${t.startOffsetS} s into its window): ${t.requestsPerWindow.join(', ')}`,
  );
  if (!large) return;
  console.log(
    JSON.stringify({
      bench: 'sync',
      rate_limit_per_min: RATE_LIMIT,
      throttled_size: THROTTLED_SIZE,
      requests: t.requests,
      records: t.records,
      // The seed expects 1-5 API calls per 100 records; nested `fields` keep every detail in the list pages.
      records_per_api_call: Number((t.records / t.requests).toFixed(1)),
      api_calls_per_100_records: Number(((t.requests / t.records) * 100).toFixed(3)),
      bound_s: Number(boundS.toFixed(2)),
      wall_s: Number(t.wallS.toFixed(2)),
      bound_ratio: Number((t.wallS / boundS).toFixed(3)),
      utilisation: Number(utilisation.toFixed(3)),
      r429: t.r429,
      r429_share: Number((t.r429 / t.requests).toFixed(4)),
      records_per_s_unthrottled: Math.round(large.records / large.wallS),
      simulator_records_per_s: Math.round(sim.recordsPerS),
      simulator_cold_records_per_s: Math.round(sim.cold.recordsPerS),
      ingest_ratio: Number(ratio(sim.recordsPerS).toFixed(3)),
      records_per_cpu_s: Math.round(large.records / totalCpuS(large)),
      fetcher_rss_mb: Math.max(...free.map((r) => r.fetcherRssMb)),
      fetcher_rss_mb_small: free[0]!.fetcherRssMb,
      fetcher_rss_mb_medium: free[1]!.fetcherRssMb,
      fetcher_rss_mb_large: free[2]!.fetcherRssMb,
      requests_per_window: t.requestsPerWindow,
      start_offset_s: t.startOffsetS,
      mirror_exact: [...free, t].every((r) => r.mirrorExact),
    }),
  );
};

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
