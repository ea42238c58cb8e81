// `npm run bench:api`: the mirror's read API (the sync orchestrator over HTTP, JWT, validation, JSON, ETag) listing
// 200 matters and 200 documents of a folder with 100k documents in the mirror (the orchestrator as its own
// process), beside the same SQL statement run straight on the pool in the same run; then SSE fan-out: `BENCH_SSE_CONNECTIONS`
// (500) live streams of one firm, each delivery timed from its JetStream publish, beside a plain NATS subscriber's
// delivery of the same messages. Last line: one JSON object.
import { tmpdir } from 'node:os';
import path from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { listMirrorRecords, type MirrorListQuery } from '@sf/clio-mirror';
import { signJwt } from '@sf/http-auth';
import { defineTopology } from '@sf/messaging';
import { connectTestNats, createTestDatabase, TEST_NATS_URL, uniqueName, useTestMigrations } from '@sf/testing';
import { freePort } from '@sf/testing';
import { startService } from '../tools/main-job/services';
import type { PlatformDb } from '../tools/migration-sets';
import { processCpuMs } from './api/process-cpu';
import { seedMirror } from './api/seed-mirror';
import { sseFanout } from './api/sse-fanout';

const DOCUMENTS = Number(process.env['BENCH_API_DOCUMENTS'] ?? 100_000);
const REQUESTS = Number(process.env['BENCH_API_REQUESTS'] ?? 400);
const CONCURRENCY = 4;
const SSE_CONNECTIONS = Number(process.env['BENCH_SSE_CONNECTIONS'] ?? 500);
const SSE_EVENTS = 20;
const SECRET = 'bench-api-secret-of-at-least-32-bytes-long';

interface Figures {
  p50: number;
  p99: number;
  rps: number;
  /** CPU of the process named by `cpuOf` per call (ms, warm-up included); null when not measured. */
  cpuMs: number | null;
}

const quantile = (sorted: number[], q: number): number =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

/** `REQUESTS` calls of `one(i)` from `CONCURRENCY` loops: latency quantiles (ms), throughput and CPU per call. */
const measure = async (one: (i: number) => Promise<void>, cpuOf: () => number | null): Promise<Figures> => {
  const cpu0 = cpuOf();
  for (let i = 0; i < 20; i += 1) await one(i);
  const times: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let i = next++; i < REQUESTS; i = next++) {
        const t0 = performance.now();
        await one(i);
        times.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  const cpu1 = cpuOf();
  const cpuMs = cpu0 === null || cpu1 === null ? null : (cpu1 - cpu0) / (REQUESTS + 20);
  return { p50: quantile(times, 0.5), p99: quantile(times, 0.99), rps: REQUESTS / seconds, cpuMs };
};

const main = async (): Promise<void> => {
  useTestMigrations(async () => (await import('../tools/migration-sets')).ALL_MIGRATION_SETS);
  const t = await createTestDatabase<PlatformDb>();
  const nc = await connectTestNats();
  const id = uniqueName('bapi').replace(/[^A-Za-z0-9_]/g, '_');
  const topology = {
    namespace: id,
    eventsStream: `${id}_events`.toUpperCase(),
    deadLetterStream: `${id}_dlq`.toUpperCase(),
  };
  const firmId = id;
  const seeded = await seedMirror(t.db, firmId, { matters: 2_000, folders: DOCUMENTS / 200, documents: DOCUMENTS });
  // The orchestrator as its own process (as deployed): the bench's client loop does not share its event loop.
  const port = await freePort();
  const orch = await startService(
    {
      name: 'sync-orchestrator',
      entry: 'apps/sync-orchestrator/src/main.ts',
      readyUrl: `http://127.0.0.1:${port}/health/ready`,
      env: {
        DATABASE_URL: t.url,
        NATS_URL: TEST_NATS_URL,
        AUTH_JWT_SECRET: SECRET,
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        SF_NATS_NAMESPACE: topology.namespace,
        SF_EVENTS_STREAM: topology.eventsStream,
        SF_DLQ_STREAM: topology.deadLetterStream,
        SYNC_STALL_CHECK_INTERVAL_MS: '0',
      },
    },
    path.join(tmpdir(), 'sf-bench-api'),
  );
  const orchUrl = `http://127.0.0.1:${port}`;
  const auth = `Bearer ${signJwt({ sub: 'bench', firm_id: firmId, exp: Math.floor(Date.now() / 1000) + 3600 }, { alg: 'HS256', secret: SECRET })}`;
  const folder = (i: number): string => seeded.folderIds[i % seeded.folderIds.length]!;
  const get = async (route: string): Promise<void> => {
    const res = await fetch(`${orchUrl}${route}`, { headers: { authorization: auth } });
    const body = (await res.json()) as { items?: unknown[] };
    if (res.status !== 200 || body.items?.length !== 200) throw new Error(`GET ${route}: ${res.status}`);
  };
  const base = { firmId, includeDeleted: false, sort: { key: 'id', desc: false }, after: null, limit: 201 } as const;
  const raw = async (q: MirrorListQuery): Promise<void> => {
    const rows = await listMirrorRecords(t.db, q);
    if (rows.length < 200) throw new Error('raw query: short page');
  };
  // CPU per call: the orchestrator's for the API, this process's (the pool's client side) for the raw statement.
  const orchCpu = (): number | null => processCpuMs(orch.child.pid);
  const ownCpu = (): number => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  try {
    const matters = {
      api: await measure(() => get('/matters?limit=200'), orchCpu),
      raw: await measure(() => raw({ ...base, entityType: 'matters', matter: {} }), ownCpu),
    };
    const documents = {
      api: await measure((i) => get(`/folders/${folder(i)}/documents?limit=200`), orchCpu),
      raw: await measure((i) => raw({ ...base, entityType: 'documents', parentIds: [folder(i)] }), ownCpu),
    };
    const f = (x: number, d = 1): string => x.toFixed(d);
    for (const [name, m] of [
      ['200 matters', matters],
      ['200 documents of a folder', documents],
    ] as const)
      console.log(
        `${name}: API p50 ${f(m.api.p50)} ms p99 ${f(m.api.p99)} ms ${f(m.api.rps, 0)} req/s | raw SQL p50 ${f(m.raw.p50)} ms p99 ${f(m.raw.p99)} ms ${f(m.raw.rps, 0)} q/s | ratio ${f(m.api.rps / m.raw.rps, 2)} (target >= 0.5) | CPU per call: orchestrator ${m.api.cpuMs === null ? 'n/a' : `${f(m.api.cpuMs)} ms`}, raw client ${f(m.raw.cpuMs ?? 0)} ms`,
      );
    const sse = await sseFanout({
      baseUrl: orchUrl,
      auth,
      nc,
      namespace: topology.namespace,
      firmId,
      connections: SSE_CONNECTIONS,
      events: SSE_EVENTS,
    });
    console.log(
      `SSE fan-out: ${sse.connections} streams x ${sse.events} events, ${sse.deliveries} delivered | p50 ${f(sse.p50)} ms p99 ${f(sse.p99)} ms | baseline (plain NATS subscriber) p99 ${f(sse.baselineP99)} ms`,
    );
    const round = (x: number): number => Math.round(x * 100) / 100;
    console.log(
      JSON.stringify({
        bench: 'api',
        documents: DOCUMENTS,
        requests: REQUESTS,
        concurrency: CONCURRENCY,
        matters_p50_ms: round(matters.api.p50),
        matters_p99_ms: round(matters.api.p99),
        matters_rps: round(matters.api.rps),
        matters_raw_rps: round(matters.raw.rps),
        documents_p50_ms: round(documents.api.p50),
        documents_p99_ms: round(documents.api.p99),
        documents_rps: round(documents.api.rps),
        documents_raw_rps: round(documents.raw.rps),
        matters_orch_cpu_ms: matters.api.cpuMs === null ? null : round(matters.api.cpuMs),
        documents_orch_cpu_ms: documents.api.cpuMs === null ? null : round(documents.api.cpuMs),
        list_p99_ms: round(Math.max(matters.api.p99, documents.api.p99)),
        list_ratio: round(Math.min(matters.api.rps / matters.raw.rps, documents.api.rps / documents.raw.rps)),
        sse_connections: sse.connections,
        sse_deliveries: sse.deliveries,
        sse_p50_ms: round(sse.p50),
        sse_p99_ms: round(sse.p99),
        sse_baseline_p99_ms: round(sse.baselineP99),
      }),
    );
  } finally {
    await orch.stop();
    const jsm = await jetstreamManager(nc);
    const streams = defineTopology(topology).streams;
    for (const s of [streams.events, streams.deadLetters]) await jsm.streams.delete(s.name).catch(() => false);
    await nc.close();
    await t.drop();
  }
};

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
