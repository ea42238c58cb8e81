// `npm run bench:writeback`: write-back to Clio under Clio's rate limit. In one run: the baseline (a note created
// directly through the Clio client, no queue: the floor of any write's latency), then write request → applied in Clio
// (p50/p99) at a steady BENCH_WRITEBACK_RATE writes/s over BENCH_WRITEBACK_FIRMS firms, then the drain of the queue
// that built up while Clio was unreachable for BENCH_WRITEBACK_OUTAGE_S seconds, beside the rate-limit bound (firms x
// limit per minute / 60: every create is one request). Duplicates: notes in the simulator beyond one per write. The
// simulator, the projections and the writer run in this process, on the local Postgres. Last line: one JSON object.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { createClioClient } from '@sf/clio-client';
import { useTestMigrations, waitFor } from '@sf/testing';
import { startWriteKit } from '../apps/clio-fetcher/src/testing/write-kit';

useTestMigrations(async () => (await import('../tools/migration-sets')).ALL_MIGRATION_SETS);

const FIRMS = Number(process.env['BENCH_WRITEBACK_FIRMS'] ?? 25);
const LIMIT = Number(process.env['BENCH_WRITEBACK_LIMIT'] ?? 50);
const RATE = Number(process.env['BENCH_WRITEBACK_RATE'] ?? 20);
const STEADY_S = Number(process.env['BENCH_WRITEBACK_SECONDS'] ?? 30);
const OUTAGE_S = Number(process.env['BENCH_WRITEBACK_OUTAGE_S'] ?? 30);
const BASELINE_N = 30;

const pct = (xs: readonly number[], p: number): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

const main = async (): Promise<void> => {
  const kit = await startWriteKit({ rateLimit: { limit: LIMIT } });
  try {
    const matterId = String([...kit.sim.store.table('matters').ascending()][0]!.id);
    const firmOf = (i: number): string => `bench_firm_${i % FIRMS}`;

    // Baseline: the same create straight through the client, no event, queue or writer.
    const client = createClioClient({ db: kit.t.db, firmId: 'bench_baseline', tokens: kit.tokens });
    const base: number[] = [];
    for (let i = 0; i < BASELINE_N; i++) {
      const t0 = performance.now();
      const r = await client.send(
        {
          method: 'POST',
          path: 'notes',
          body: { data: { type: 'Matter', matter: { id: Number(matterId) }, subject: `baseline ${i}` } },
        },
        'interactive',
      );
      if (!r.ok) throw new Error(`baseline create failed: ${r.reason}`);
      base.push(performance.now() - t0);
    }

    kit.startWriter({ slots: FIRMS, pollMs: 20 });
    const request = (i: number, phase: string) =>
      kit.request(firmOf(i), {
        entityType: 'matter_notes',
        operation: 'create',
        matterId,
        values: { subject: `${phase} ${i}` },
      });

    // Steady load: RATE writes/s, round robin over the firms.
    const steady: string[] = [];
    const n = Math.round(RATE * STEADY_S);
    const start = performance.now();
    for (let i = 0; i < n; i++) {
      const due = start + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      steady.push(await request(i, 'steady'));
    }
    const applied = await waitFor(
      () => Promise.all(steady.map((id) => kit.write(id))),
      (all) => all.every((w) => w !== null && w.status !== 'pending'),
      { timeoutMs: 600_000, intervalMs: 500, description: 'steady writes applied' },
    );
    const latency = applied.map((w) => Date.parse(w!.updatedAt) - Date.parse(w!.requestedAt));

    // Outage: Clio drops every connection while writes keep arriving; then it is back and the queue drains.
    const outageMs = OUTAGE_S * 1000;
    kit.sim.edge.faults.add({ kind: 'timeout', delayMs: 0, durationMs: outageMs }, kit.sim.clock.now());
    const backlog: string[] = [];
    const outageStart = performance.now();
    for (let i = 0; performance.now() - outageStart < outageMs - 200; i++) {
      const due = outageStart + (i * 1000) / RATE;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      backlog.push(await request(i, 'backlog'));
    }
    await sleep(Math.max(0, outageStart + outageMs - performance.now()));
    const back = performance.now();
    await waitFor(
      () => Promise.all(backlog.map((id) => kit.write(id))),
      (all) => all.every((w) => w !== null && w.status !== 'pending'),
      { timeoutMs: 900_000, intervalMs: 250, description: 'backlog drained' },
    );
    const drainS = (performance.now() - back) / 1000;
    const drainRate = backlog.length / drainS;
    const bound = (FIRMS * LIMIT) / 60;

    const ours = [...kit.sim.store.table('notes').ascending()].filter(
      (x) => x.subject.startsWith('steady ') || x.subject.startsWith('backlog '),
    );
    const writes = steady.length + backlog.length;
    const failed = (await Promise.all([...steady, ...backlog].map((id) => kit.write(id)))).filter(
      (w) => w?.status !== 'applied',
    ).length;
    const result = {
      bench: 'writeback',
      firms: FIRMS,
      limit_per_min: LIMIT,
      rate_per_s: RATE,
      baseline_create_p50_ms: Math.round(pct(base, 50)),
      baseline_create_p99_ms: Math.round(pct(base, 99)),
      apply_p50_ms: Math.round(pct(latency, 50)),
      apply_p99_ms: Math.round(pct(latency, 99)),
      backlog: backlog.length,
      drain_s: Number(drainS.toFixed(1)),
      drain_per_s: Number(drainRate.toFixed(2)),
      bound_per_s: Number(bound.toFixed(2)),
      drain_ratio: Number((drainRate / bound).toFixed(3)),
      writes,
      failed,
      duplicates: ours.length - writes + failed,
    };
    console.log(
      `baseline: direct create p50 ${result.baseline_create_p50_ms} ms, p99 ${result.baseline_create_p99_ms} ms`,
    );
    console.log(
      `steady ${RATE} writes/s over ${FIRMS} firms (limit ${LIMIT}/min): request → applied p50 ${result.apply_p50_ms} ms, p99 ${result.apply_p99_ms} ms`,
    );
    console.log(
      `drain after ${OUTAGE_S} s unreachable: ${backlog.length} writes in ${result.drain_s} s = ${result.drain_per_s}/s; bound ${result.bound_per_s}/s; ratio ${result.drain_ratio}`,
    );
    console.log(`writes ${writes}, failed ${failed}, duplicates ${result.duplicates}`);
    console.log(JSON.stringify(result));
  } finally {
    await kit.close();
  }
};

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
