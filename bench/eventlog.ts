// `npm run bench:eventlog`: the event log's figures beside raw baselines measured in the same run.
// Each piece runs in its own process (so peak RSS is per process); the last line is one JSON object.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

type Figures = Record<string, number | string>;

const runPiece = (piece: string): Figures => {
  const started = Date.now();
  const r = spawnSync(
    process.execPath,
    ['-r', '@swc-node/register', path.join(__dirname, 'eventlog', 'run-piece.ts'), piece],
    {
      cwd: path.join(__dirname, '..'),
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 16 * 1024 * 1024,
    },
  );
  if (r.status !== 0) throw new Error(`bench piece ${piece} failed with exit code ${r.status}`);
  const lines = r.stdout.trim().split('\n');
  const figures = JSON.parse(lines[lines.length - 1]!) as Figures;
  console.log(`  ${piece}: done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return figures;
};

const fmt = (n: number | string | undefined, digits = 0): string =>
  typeof n === 'number' ? n.toLocaleString('en-US', { maximumFractionDigits: digits }) : String(n);

const main = (): void => {
  console.log('bench:eventlog — Postgres event log, JetStream relay, projections (this machine, this run)');
  const a = runPiece('append');
  const r = runPiece('relay');
  const p = runPiece('projection');
  const n = (f: Figures, k: string): number => Number(f[k]);
  console.log('');
  console.log(
    `batched append        ${fmt(a['append_events_per_s'])} events/s   raw multi-row INSERT ${fmt(a['raw_insert_rows_per_s'])} rows/s   ratio ${fmt(n(a, 'append_ratio'), 2)} (target >= 0.60)`,
  );
  console.log(
    `single append latency p50 ${fmt(n(a, 'append_p50_ms'), 2)} ms   p99 ${fmt(n(a, 'append_p99_ms'), 2)} ms`,
  );
  console.log(
    `relay                 ${fmt(r['relay_events_per_s'])} events/s   raw async JetStream publish ${fmt(r['raw_publish_per_s'])} msgs/s   ratio ${fmt(n(r, 'relay_ratio'), 2)} (target >= 0.50)`,
  );
  console.log(
    `projection            ${fmt(p['projection_events_per_s'])} events/s   raw upsert ${fmt(p['raw_upsert_rows_per_s'])} rows/s   ratio ${fmt(n(p, 'projection_ratio'), 2)} (target >= 0.50)`,
  );
  console.log(
    `append -> row visible at 2,000 events/s   p50 ${fmt(n(p, 'e2e_p50_ms'), 1)} ms   p99 ${fmt(n(p, 'e2e_p99_ms'), 1)} ms (target p99 < 250)`,
  );
  console.log(
    `peak RSS              append ${a['peak_rss_mb']} MB   relay ${r['peak_rss_mb']} MB   projection ${p['peak_rss_mb']} MB`,
  );
  const summary = {
    bench: 'eventlog',
    append_events_per_s: n(a, 'append_events_per_s'),
    raw_insert_rows_per_s: n(a, 'raw_insert_rows_per_s'),
    append_ratio: n(a, 'append_ratio'),
    append_p50_ms: n(a, 'append_p50_ms'),
    append_p99_ms: n(a, 'append_p99_ms'),
    relay_events_per_s: n(r, 'relay_events_per_s'),
    raw_publish_per_s: n(r, 'raw_publish_per_s'),
    relay_ratio: n(r, 'relay_ratio'),
    projection_events_per_s: n(p, 'projection_events_per_s'),
    raw_upsert_rows_per_s: n(p, 'raw_upsert_rows_per_s'),
    projection_ratio: n(p, 'projection_ratio'),
    e2e_p50_ms: n(p, 'e2e_p50_ms'),
    e2e_p99_ms: n(p, 'e2e_p99_ms'),
    peak_rss_mb: Math.max(n(a, 'peak_rss_mb'), n(r, 'peak_rss_mb'), n(p, 'peak_rss_mb')),
    peak_rss_mb_append: n(a, 'peak_rss_mb'),
    peak_rss_mb_relay: n(r, 'peak_rss_mb'),
    peak_rss_mb_projection: n(p, 'peak_rss_mb'),
  };
  console.log(JSON.stringify(summary));
};

main();
