// Batched append throughput beside a raw multi-row INSERT of the same rows, and single-event append latency.
// Alone: `node -r @swc-node/register bench/eventlog/append.ts` (BENCH_ADMIN_DATABASE_URL, default local postgres).
import { randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { Pool } from 'pg';
import type { NewEvent } from '@sf/contracts';
import { createDb, migrateToLatest } from '@sf/db';
import { ALL_MIGRATION_SETS, type PlatformDb } from '../../tools/migration-sets';
import { appendToStream } from '@sf/event-store';
import { createDatabase, dropDatabase } from '@sf/testing';

/** Writers in each throughput measure (one pooled connection each, one stream each). */
const WRITERS = 4;
/** Events per append call / per raw INSERT. */
const BATCH = 300;
/** Each throughput mode runs ROUNDS times, alternating with the other, MEASURE_MS each. */
const ROUNDS = 2;
const MEASURE_MS = 2_500;
const LATENCY_MS = 2_500;
const WARMUP_MS = 500;

export interface AppendFigures {
  append_events_per_s: number;
  raw_insert_rows_per_s: number;
  append_ratio: number;
  append_p50_ms: number;
  append_p99_ms: number;
}

const log = (msg: string): void => void process.stderr.write(`  [append] ${msg}\n`);

/** A matter-sync-shaped event whose data serialises to ~500 bytes. */
const filler = randomBytes(150).toString('hex');
const benchEvents = (n: number): NewEvent[] =>
  Array.from({ length: n }, () => ({
    eventId: randomUUID(),
    type: 'MatterMirrored',
    version: 1,
    data: {
      matterId: randomUUID(),
      displayNumber: '00042-Smith',
      status: 'open',
      etag: randomUUID(),
      description: filler,
    },
    metadata: {
      firmId: 'firm-bench',
      correlationId: randomUUID(),
      causationId: null,
      occurredAt: new Date().toISOString(),
    },
  }));

/** Runs `step` on WRITERS concurrent loops until the deadline; returns rows written per second. */
const throughput = async (step: (writer: number) => Promise<number>, ms: number): Promise<number> => {
  const started = performance.now();
  const deadline = started + ms;
  const counts = await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      let rows = 0;
      while (performance.now() < deadline) rows += await step(w);
      return rows;
    }),
  );
  return counts.reduce((a, b) => a + b, 0) / ((performance.now() - started) / 1000);
};

/** The append under test: each writer extends its own stream at the exact expected version. */
const appender = (db: Kysely<PlatformDb>) => {
  const streams = Array.from({ length: WRITERS }, () => ({ id: `bench-${randomUUID()}`, version: 0 }));
  return async (w: number): Promise<number> => {
    const s = streams[w]!;
    const r = await appendToStream(db, s.id, 'bench', s.version, benchEvents(BATCH));
    if (!r.ok) throw new Error(`bench append failed: ${r.reason}`);
    s.version = r.nextVersion;
    return BATCH;
  };
};

/** The baseline: the same rows, one multi-row INSERT ... VALUES into a copy of es_events (same columns/indexes). */
const rawInserter = (pool: Pool) => {
  const streams = Array.from({ length: WRITERS }, () => ({ id: `raw-${randomUUID()}`, version: 0 }));
  const placeholders = Array.from(
    { length: BATCH },
    (_, i) => `(${Array.from({ length: 7 }, (_, c) => `$${i * 7 + c + 1}`).join(',')})`,
  ).join(',');
  const text = `insert into bench_raw_events (event_id, stream_id, stream_position, event_type, event_version, data, metadata) values ${placeholders}`;
  return async (w: number): Promise<number> => {
    const s = streams[w]!;
    const params = benchEvents(BATCH).flatMap((e, i) => [
      e.eventId,
      s.id,
      s.version + i + 1,
      e.type,
      e.version,
      JSON.stringify(e.data),
      JSON.stringify(e.metadata),
    ]);
    await pool.query(text, params);
    s.version += BATCH;
    return BATCH;
  };
};

const percentile = (sorted: number[], p: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/** Sequential one-event appends to one stream: the latency a command handler sees. */
const latency = async (db: Kysely<PlatformDb>): Promise<{ p50: number; p99: number; n: number }> => {
  const streamId = `latency-${randomUUID()}`;
  let version = 0;
  const once = async (): Promise<number> => {
    const started = performance.now();
    const r = await appendToStream(db, streamId, 'bench', version, benchEvents(1));
    const ms = performance.now() - started;
    if (!r.ok) throw new Error(`latency append failed: ${r.reason}`);
    version = r.nextVersion;
    return ms;
  };
  for (const until = performance.now() + WARMUP_MS; performance.now() < until;) await once();
  const samples: number[] = [];
  for (const until = performance.now() + LATENCY_MS; performance.now() < until;) samples.push(await once());
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p99: percentile(samples, 99), n: samples.length };
};

const round2 = (x: number): number => Math.round(x * 100) / 100;

export async function benchAppend(opts: { url: string }): Promise<AppendFigures> {
  const name = `bench_append_${process.pid}_${randomBytes(4).toString('hex')}`;
  const url = await createDatabase(opts.url, name);
  const db = createDb<PlatformDb>({ url, max: WRITERS, applicationName: name });
  const pool = new Pool({ connectionString: url, max: WRITERS, application_name: name });
  pool.on('error', (err) => log(`idle raw connection failed: ${err.message}`));
  try {
    await migrateToLatest(db, ALL_MIGRATION_SETS);
    await pool.query('create table bench_raw_events (like es_events including all)');
    const ours = appender(db);
    const raw = rawInserter(pool);
    await throughput(raw, WARMUP_MS);
    await throughput(ours, WARMUP_MS);
    const rawRates: number[] = [];
    const ourRates: number[] = [];
    for (let r = 0; r < ROUNDS; r++) {
      rawRates.push(await throughput(raw, MEASURE_MS));
      ourRates.push(await throughput(ours, MEASURE_MS));
      log(`round ${r + 1}: raw ${Math.round(rawRates[r]!)} rows/s, append ${Math.round(ourRates[r]!)} events/s`);
    }
    const lat = await latency(db);
    log(`latency over ${lat.n} sequential single-event appends`);
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    const append = mean(ourRates);
    const rawRate = mean(rawRates);
    return {
      append_events_per_s: Math.round(append),
      raw_insert_rows_per_s: Math.round(rawRate),
      append_ratio: round2(append / rawRate),
      append_p50_ms: round2(lat.p50),
      append_p99_ms: round2(lat.p99),
    };
  } finally {
    await db.destroy();
    await pool.end();
    await dropDatabase(opts.url, name);
  }
}

if (require.main === module) {
  const url = process.env['BENCH_ADMIN_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  benchAppend({ url }).then(
    (f) => {
      console.log(
        `batched append ${f.append_events_per_s} events/s, raw multi-row INSERT ${f.raw_insert_rows_per_s} rows/s, ratio ${f.append_ratio} (target >= 0.60)`,
      );
      console.log(`single-event append latency p50 ${f.append_p50_ms} ms, p99 ${f.append_p99_ms} ms`);
      console.log(JSON.stringify(f));
    },
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
