// Projection catch-up throughput beside a raw multi-row upsert of the same rows, and append -> row-visible latency.
// Alone: `node -r @swc-node/register bench/eventlog/projection.ts` (BENCH_ADMIN_DATABASE_URL, default local postgres).
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { Kysely } from 'kysely';
import { Pool } from 'pg';
import { createDb, migrateToLatest } from '@sf/db';
import { ALL_MIGRATION_SETS, type PlatformDb } from '../../tools/migration-sets';
import { LogPosition } from '@sf/event-store';
import { matterSyncStateProjection } from '@sf/sync-read-models';
import { rebuildProjection, startProjectionRunner } from '@sf/projections';
import { createDatabase, dropDatabase } from '@sf/testing';
import { append, event, EVENTS_PER_JOB, jobsFor, latest, lifeEvent, prefill } from './projection-workload';

/** Matters (one matter-scoped sync job each) in the pre-filled log; every batch touches BATCH distinct rows. */
const MATTERS = 3_000;
/** Events per projection batch = rows per raw upsert statement. */
const BATCH = 1_000;
/** Each throughput measure runs ROUNDS times, alternating; the median is reported. */
const ROUNDS = 5;
/** Latency phase: append rate (events/s), duration, and events per paced tick (one transaction per tick). */
const RATE = 2_000;
const LATENCY_MS = 10_000;
const TICK_EVENTS = 10;
const LIVE_JOBS = 400;
const MAX_IN_FLIGHT = 8;

export interface ProjectionFigures {
  projection_events_per_s: number;
  raw_upsert_rows_per_s: number;
  projection_ratio: number;
  e2e_p50_ms: number;
  e2e_p99_ms: number;
}

const log = (msg: string): void => void process.stderr.write(`  [projection] ${msg}\n`);

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const percentile = (sorted: number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const round = (n: number, digits = 0): number => Number(n.toFixed(digits));

/** Rebuilds the projection from position 0 (batches of BATCH, checkpoint in each transaction); events/s. */
const timeProjection = async (db: Kysely<PlatformDb>, until: LogPosition): Promise<number> => {
  const started = performance.now();
  const { events } = await rebuildProjection(db, matterSyncStateProjection, {
    batchSize: BATCH,
    until,
    timeoutMs: 120_000,
  });
  return events / ((performance.now() - started) / 1000);
};

const COLUMNS = [
  'firm_id',
  'matter_id',
  'state',
  'active_job_id',
  'last_synced_at',
  'last_error',
  'last_error_code',
  'progress_current',
  'progress_total',
  'blocked_until',
  'progress',
  'updated_at',
  'last_tx_id',
  'last_global_position',
] as const;
const TYPES = [
  'text',
  'text',
  'text',
  'text',
  'timestamptz',
  'text',
  'text',
  'int',
  'int',
  'timestamptz',
  'jsonb',
  'timestamptz',
  'bigint',
  'bigint',
];

type RowImage = Record<(typeof COLUMNS)[number], unknown>;

/**
 * Records every row the projection writes, grouped by transaction (= batch), with a trigger during one untimed
 * rebuild; the trigger is dropped before anything is timed. This is exactly the baseline's input.
 */
const captureBatches = async (db: Kysely<PlatformDb>, pool: Pool, until: LogPosition): Promise<RowImage[][]> => {
  await pool.query(
    `create table bench_capture (seq bigserial primary key, tx bigint not null default txid_current(), r jsonb not null)`,
  );
  await pool.query(`create function bench_capture() returns trigger language plpgsql as
    $$ begin insert into bench_capture (r) values (to_jsonb(new)); return new; end $$`);
  await pool.query(
    `create trigger bench_capture after insert or update on matter_sync_state for each row execute function bench_capture()`,
  );
  await rebuildProjection(db, matterSyncStateProjection, { batchSize: BATCH, until, timeoutMs: 120_000 });
  await pool.query('drop trigger bench_capture on matter_sync_state');
  const { rows } = await pool.query<{ tx: string; r: RowImage }>('select tx, r from bench_capture order by seq');
  await pool.query('drop table bench_capture');
  const batches = new Map<string, RowImage[]>();
  for (const { tx, r } of rows) batches.set(tx, [...(batches.get(tx) ?? []), r]);
  return [...batches.values()];
};

/**
 * Baseline: exactly the row writes the projection made, batch by batch, as hand-built upserts in the projection's
 * statement form (unnest of column arrays, same conflict target and position guard), one autocommit statement per
 * batch, from an empty table like the rebuild; no log read, fold or checkpoint. Returns rows/s.
 */
const timeRawUpsert = async (pool: Pool, batches: RowImage[][]): Promise<number> => {
  await pool.query('truncate matter_sync_state');
  const text = `insert into matter_sync_state (${COLUMNS.join(', ')})
    select * from unnest(${COLUMNS.map((_, i) => `$${i + 1}::${TYPES[i]}[]`).join(', ')})
    on conflict (firm_id, matter_id) do update set ${COLUMNS.slice(2)
      .map((c) => `${c} = excluded.${c}`)
      .join(', ')}
    where (matter_sync_state.last_tx_id, matter_sync_state.last_global_position) < (excluded.last_tx_id, excluded.last_global_position)`;
  const started = performance.now();
  let written = 0;
  for (const batch of batches) {
    await pool.query(
      text,
      COLUMNS.map((c) => batch.map((row) => (c === 'progress' ? JSON.stringify(row[c]) : row[c]))),
    );
    written += batch.length;
  }
  return written / ((performance.now() - started) / 1000);
};

const throughputFigures = async (db: Kysely<PlatformDb>, pool: Pool): Promise<{ projection: number; raw: number }> => {
  const jobs = jobsFor(MATTERS, 'bulk');
  const t = performance.now();
  const until = await prefill(db, jobs);
  log(`pre-filled ${MATTERS * EVENTS_PER_JOB} events in ${round(performance.now() - t)} ms`);
  const batches = await captureBatches(db, pool, until);
  log(`captured ${batches.length} batches, ${batches.reduce((n, b) => n + b.length, 0)} row writes`);
  const projection: number[] = [];
  const raw: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    projection.push(await timeProjection(db, until));
    raw.push(await timeRawUpsert(pool, batches));
    log(`round ${i + 1}: projection ${round(projection[i]!)} events/s, raw upsert ${round(raw[i]!)} rows/s`);
  }
  await rebuildProjection(db, matterSyncStateProjection, { batchSize: BATCH, until, timeoutMs: 120_000 });
  return { projection: median(projection), raw: median(raw) };
};

/** Wall-clock now in ms with sub-ms precision, comparable across processes on this machine. */
const wallNow = (): number => performance.timeOrigin + performance.now();

/**
 * The appender (its own process, as a service would be): opens LIVE_JOBS jobs, then appends TICK_EVENTS progress
 * events (different jobs, one transaction) every tick at RATE events/s for LATENCY_MS. Ticks may overlap (up to
 * MAX_IN_FLIGHT) so one slow commit does not lower the rate. Each event's occurredAt is its append start.
 * Prints `{ appended, tail, ms }`.
 */
const runAppender = async (url: string): Promise<void> => {
  const db = createDb<PlatformDb>({ url, max: MAX_IN_FLIGHT + 1, applicationName: 'bench-appender' });
  const jobs = jobsFor(LIVE_JOBS, 'live');
  for (const job of jobs) await append(db, job, lifeEvent(job, 0));
  const tickMs = (1000 * TICK_EVENTS) / RATE;
  const inFlight = new Set<Promise<void>>();
  const tails: LogPosition[] = [];
  const started = performance.now();
  let k = 0;
  for (let tick = 0; tick * tickMs < LATENCY_MS; tick++) {
    const wait = started + tick * tickMs - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    if (inFlight.size >= MAX_IN_FLIGHT) await Promise.race(inFlight);
    const batch = Array.from({ length: TICK_EVENTS }, () => jobs[k++ % jobs.length]!);
    const p: Promise<void> = db
      .transaction()
      .execute(async (trx) => {
        for (const job of batch) {
          const e = event(job, 'SyncProgressed', {
            entityType: 'documents',
            fetched: (job.fetched += 10),
            total: null,
          });
          e.metadata.occurredAt = new Date(wallNow()).toISOString();
          tails.push(await append(trx, job, e));
        }
      })
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  const ms = round(performance.now() - started);
  await db.destroy();
  console.log(JSON.stringify({ appended: k, tail: LogPosition.format(latest(tails)), ms }));
};

const spawnAppender = (url: string): Promise<{ appended: number; tail: LogPosition; ms: number }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', __filename, '--appender', url], {
      cwd: path.join(__dirname, '..', '..'),
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`appender exited with ${code}`));
      const r = JSON.parse(out.trim().split('\n').pop()!) as { appended: number; tail: string; ms: number };
      resolve({ ...r, tail: LogPosition.parse(r.tail) });
    });
  });

/**
 * Append -> row visible: the runner (default settings) projects while the appender process writes at RATE; each
 * progress event's latency is the wall time its batch committed minus its occurredAt (ms precision).
 */
const latencyFigures = async (db: Kysely<PlatformDb>, url: string): Promise<{ p50: number; p99: number }> => {
  const latencies: number[] = [];
  const runner = startProjectionRunner(db, [matterSyncStateProjection], {
    onBatch: (b) => {
      const now = wallNow();
      for (const e of b.events)
        if (e.type === 'SyncProgressed') latencies.push(now - Date.parse(e.metadata.occurredAt));
    },
  });
  try {
    const { appended, tail, ms } = await spawnAppender(url);
    log(
      `appender wrote ${appended} progress events in ${ms} ms (${round((appended / ms) * 1000)} events/s, target ${RATE})`,
    );
    await runner.whenCaughtUp({ until: tail, timeoutMs: 60_000 });
    if (latencies.length !== appended) throw new Error(`saw ${latencies.length} of ${appended} events`);
  } finally {
    await runner.stop();
  }
  latencies.sort((a, b) => a - b);
  return { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99) };
};

export async function benchProjection(opts: { url: string }): Promise<ProjectionFigures> {
  const name = `bench_projection_${process.pid}_${Date.now().toString(36)}`;
  const url = await createDatabase(opts.url, name);
  const db = createDb<PlatformDb>({ url, max: 6, applicationName: 'bench-projection' });
  const pool = new Pool({ connectionString: url, max: 1 });
  try {
    await migrateToLatest(db, ALL_MIGRATION_SETS);
    const { projection, raw } = await throughputFigures(db, pool);
    const { p50, p99 } = await latencyFigures(db, url);
    return {
      projection_events_per_s: round(projection),
      raw_upsert_rows_per_s: round(raw),
      projection_ratio: round(projection / raw, 2),
      e2e_p50_ms: round(p50, 1),
      e2e_p99_ms: round(p99, 1),
    };
  } finally {
    await pool.end();
    await db.destroy();
    await dropDatabase(opts.url, name);
  }
}

if (require.main === module) {
  const url = process.env['BENCH_ADMIN_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const work =
    process.argv[2] === '--appender'
      ? runAppender(process.argv[3]!)
      : benchProjection({ url }).then((f) => console.log(JSON.stringify(f)));
  work.catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
