// `npm run bench:writeback`: write-back to Clio under Clio's rate limit. In one run: the baseline (a note created
// directly through the Clio client, no queue: the floor of any write's latency), then write request → applied in Clio
// (p50/p99) at a steady BENCH_WRITEBACK_RATE writes/s over BENCH_WRITEBACK_FIRMS firms, then the drain of the queue
// that built up while Clio was unreachable for BENCH_WRITEBACK_OUTAGE_S seconds, beside the rate-limit bound (firms x
// limit per minute / 60: every create is one request). Duplicates: notes in the simulator beyond one per write. The
// simulator, the projections and the writer run in this process, on the local Postgres. Last line: one JSON object.
//
// Clio's windows are fixed: a backlog that fits in what each firm's window still allows goes out in a burst, faster
// than the bound, and the ratio then measures the writer's fixed latency, not its pace under the limit. The ratio
// says something once the backlog spans several windows per firm (`backlog_windows`); to show that in a short run,
// shorten the window (BENCH_WRITEBACK_WINDOW_S, the simulator's window; the bound follows it) and let the backlog
// arrive faster than the steady load (BENCH_WRITEBACK_BACKLOG_RATE, writes/s during the outage).
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
const WINDOW_S = Number(process.env['BENCH_WRITEBACK_WINDOW_S'] ?? 60);
const BACKLOG_RATE = Number(process.env['BENCH_WRITEBACK_BACKLOG_RATE'] ?? RATE);
/** The writer's slots (records written at once), as `FETCHER_WRITER_SLOTS`; the pool is sized above them. */
const SLOTS = Number(process.env['BENCH_WRITEBACK_SLOTS'] ?? 16);
// Within one window of the baseline's own connection: the baseline measures a create, not a wait for the budget.
const BASELINE_N = Math.min(30, LIMIT);

const pct = (xs: readonly number[], p: number): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};

const main = async (): Promise<void> => {
  const kit = await startWriteKit({ rateLimit: { limit: LIMIT, windowSeconds: WINDOW_S } }, SLOTS + 10);
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

    const phase = (what: string) => console.error(`${new Date().toISOString()} ${what}`);
    phase('baseline done; steady load');
    kit.startWriter({ slots: SLOTS, pollMs: 20 });
    /**
     * Waits until none of `ids` is pending, with one query of the read model per poll: polling every write's stream
     * would compete with the writer for the pool and slow what is measured.
     */
    let lastNote = Date.now();
    const settledAll = (ids: readonly string[], description: string) =>
      waitFor(
        async () =>
          Number(
            (
              await kit.t.db
                .selectFrom('clio_pending_writes')
                .select((eb) => eb.fn.countAll<string>().as('n'))
                .where('write_id', 'in', [...ids])
                .where('status', '!=', 'pending')
                .executeTakeFirstOrThrow()
            ).n,
          ),
        (n) => {
          if (Date.now() - lastNote > 10_000) {
            lastNote = Date.now();
            phase(`${description}: ${n} of ${ids.length}`);
          }
          return n === ids.length;
        },
        { timeoutMs: 900_000, intervalMs: 250, description },
      );
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
    phase('steady writes requested; waiting for them');
    await settledAll(steady, 'steady writes applied');
    phase('outage');
    const applied = await Promise.all(steady.map((id) => kit.write(id)));
    const latency = applied.map((w) => Date.parse(w!.updatedAt) - Date.parse(w!.requestedAt));

    // Outage: Clio drops every connection while writes keep arriving; then it is back and the queue drains.
    const outageMs = OUTAGE_S * 1000;
    kit.sim.edge.faults.add({ kind: 'timeout', delayMs: 0, durationMs: outageMs }, kit.sim.clock.now());
    const backlog: string[] = [];
    const outageStart = performance.now();
    for (let i = 0; performance.now() - outageStart < outageMs - 200; i++) {
      const due = outageStart + (i * 1000) / BACKLOG_RATE;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      backlog.push(await request(i, 'backlog'));
    }
    await sleep(Math.max(0, outageStart + outageMs - performance.now()));
    const back = Date.now();
    phase(`Clio back; draining ${backlog.length}`);
    await settledAll(backlog, 'backlog drained');
    // The drain ends at the last outcome's event time (not when this loop noticed it).
    const ends = (await Promise.all(backlog.map((id) => kit.write(id)))).map((w) => Date.parse(w?.updatedAt ?? ''));
    const drainS = (Math.max(...ends) - back) / 1000;
    const drainRate = backlog.length / drainS;
    const bound = (FIRMS * LIMIT) / WINDOW_S;

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
      limit_per_window: LIMIT,
      window_s: WINDOW_S,
      rate_per_s: RATE,
      baseline_create_p50_ms: Math.round(pct(base, 50)),
      baseline_create_p99_ms: Math.round(pct(base, 99)),
      apply_p50_ms: Math.round(pct(latency, 50)),
      apply_p99_ms: Math.round(pct(latency, 99)),
      backlog: backlog.length,
      backlog_windows: Number((backlog.length / FIRMS / LIMIT).toFixed(1)),
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
      `steady ${RATE} writes/s over ${FIRMS} firms (limit ${LIMIT} per ${WINDOW_S} s): request → applied p50 ${result.apply_p50_ms} ms, p99 ${result.apply_p99_ms} ms`,
    );
    console.log(
      `drain after ${OUTAGE_S} s unreachable (${result.backlog_windows} windows per firm): ${backlog.length} writes in ${result.drain_s} s = ${result.drain_per_s}/s; bound ${result.bound_per_s}/s; ratio ${result.drain_ratio}`,
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
