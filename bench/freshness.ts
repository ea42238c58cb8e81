// `npm run bench:freshness`: how fresh the mirror stays through webhooks. In one run, beside baselines measured by the
// same script: change in a simulator → mirror row visible (p50/p99) at a steady rate over 20 firms with webhooks, and
// the same changes seen by polling alone (updated_since listings every BENCH_FRESHNESS_POLL_MS); API calls per 1,000
// changes of each, and why the applier fetched records instead of taking their payload (its
// `sf_webhook_fetches_total{cause}`); ingress deliveries/s verified and recorded beside a raw append of the same
// events. Last line: one JSON object. The simulators, the mirror projection and the measuring run in this process;
// the webhooks service (ingress and applier) in its own, on the local Postgres.
import { spawnService, useTestMigrations, waitFor } from '@sf/testing';
import { WebhooksHarness } from '../apps/webhooks/src/testing/webhooks-harness';
import { liveSubscriptions } from '../apps/webhooks/src/registration/subscription-repository';
import { measureLatency } from './freshness/latency';
import { measureIngress } from './freshness/ingress-rate';

useTestMigrations(async () => (await import('../tools/migration-sets')).ALL_MIGRATION_SETS);

const FIRMS = Number(process.env['BENCH_FRESHNESS_FIRMS'] ?? 20);
const RATE = Number(process.env['BENCH_FRESHNESS_RATE'] ?? 50);
const SECONDS = Number(process.env['BENCH_FRESHNESS_SECONDS'] ?? 30);
const POLL_MS = Number(process.env['BENCH_FRESHNESS_POLL_MS'] ?? 30_000);
const DELIVERIES = Number(process.env['BENCH_FRESHNESS_DELIVERIES'] ?? 2_000);

const pct = (xs: readonly number[], p: number): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const per1000 = (calls: number, changes: number): number => (changes === 0 ? NaN : (calls / changes) * 1000);

/** `sf_webhook_fetches_total` of the webhooks process, per cause. */
const fetchesByCause = async (port: number): Promise<Record<string, number>> => {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const out: Record<string, number> = {};
  for (const m of text.matchAll(/^sf_webhook_fetches_total\{[^}]*cause="([a-z_]+)"[^}]*\} (\d+)/gm))
    out[m[1]!] = Number(m[2]);
  return out;
};

const main = async (): Promise<void> => {
  const h = await WebhooksHarness.start({ firms: FIRMS });
  let stopChild: () => Promise<unknown> = async () => undefined;
  try {
    // Register with a short registrar interval, then measure with the ingress and applier only: the registrar's
    // checks would count as API calls.
    const registering = await h.startService({ registrarIntervalMs: 500 });
    await waitFor(
      () => Promise.all(h.firms.map((f) => liveSubscriptions(h.db, f.firmId))),
      (all) => all.every((subs) => subs.length === 7 && subs.every((s) => s.status === 'active')),
      { timeoutMs: 300_000, description: 'every firm registered' },
    );
    await waitFor(
      () => h.firms.every((f) => f.sim.edge.webhooks.registry.list().every((w) => w.status === 'enabled')),
      (ok) => ok,
      { timeoutMs: 60_000 },
    );
    await registering.close();
    h.services.splice(h.services.indexOf(registering), 1);
    // The ingress and applier in their own process, as deployed (the simulators and this script share this one).
    const child = spawnService({
      main: 'apps/webhooks/src/main.ts',
      readyLine: 'webhooks service started',
      label: 'webhooks',
      env: h.env({ LOG_LEVEL: 'info', WEBHOOKS_ROLES: 'ingress,applier' }),
    });
    await child.started;
    stopChild = () => child.stop();
    const l = await measureLatency(h, {
      ratePerS: RATE,
      seconds: SECONDS,
      pollIntervalMs: POLL_MS,
      settleMs: POLL_MS * 2,
    });
    // Why the applier fetched (its counter, scraped before the ingress measurement adds deliveries of its own).
    const fetches = await fetchesByCause(h.port);
    const ing = await measureIngress(h, {
      deliveries: DELIVERIES,
      concurrency: Number(process.env['BENCH_FRESHNESS_CONCURRENCY'] ?? 16),
    });
    const r = {
      bench: 'freshness',
      firms: FIRMS,
      changes_per_s: RATE,
      changes: l.changes,
      webhook_seen: l.webhookSeen,
      poll_seen: l.pollSeen,
      webhook_p50_ms: Math.round(pct(l.webhookMs, 50)),
      webhook_p99_ms: Math.round(pct(l.webhookMs, 99)),
      poll_p50_ms: Math.round(pct(l.pollMs, 50)),
      poll_p99_ms: Math.round(pct(l.pollMs, 99)),
      poll_interval_ms: POLL_MS,
      api_calls_per_1000_changes: Number(per1000(l.webhookApiCalls, l.changes).toFixed(2)),
      poll_api_calls_per_1000_changes: Number(per1000(l.pollApiCalls, l.changes).toFixed(2)),
      fetched_by_cause: fetches,
      ingress_per_s: Math.round(ing.ingressPerS),
      raw_append_per_s: Math.round(ing.rawPerS),
      ingress_ratio: Number((ing.ingressPerS / ing.rawPerS).toFixed(2)),
      // Where the webhook latency went (p50/p99 of each stage, see freshness/stages.ts).
      stage_ingress_p50_ms: Math.round(pct(l.stages.ingressMs, 50)),
      stage_ingress_p99_ms: Math.round(pct(l.stages.ingressMs, 99)),
      stage_applier_p50_ms: Math.round(pct(l.stages.applierMs, 50)),
      stage_applier_p99_ms: Math.round(pct(l.stages.applierMs, 99)),
      stage_projection_p50_ms: Math.round(pct(l.stages.projectionMs, 50)),
      stage_projection_p99_ms: Math.round(pct(l.stages.projectionMs, 99)),
    };
    console.log(`${FIRMS} firms, ${RATE} changes/s for ${SECONDS} s: ${r.changes} changes`);
    console.log(
      `webhooks: change → mirror row p50 ${r.webhook_p50_ms} ms, p99 ${r.webhook_p99_ms} ms (target p99 < 1000); ${r.webhook_seen}/${r.changes} seen`,
    );
    console.log(
      `  change → recorded by the ingress p50/p99 ${r.stage_ingress_p50_ms}/${r.stage_ingress_p99_ms} ms, ` +
        `→ applied ${r.stage_applier_p50_ms}/${r.stage_applier_p99_ms} ms, ` +
        `→ seen in the mirror ${r.stage_projection_p50_ms}/${r.stage_projection_p99_ms} ms`,
    );
    console.log(
      `polling every ${POLL_MS} ms: change → listed p50 ${r.poll_p50_ms} ms, p99 ${r.poll_p99_ms} ms; ${r.poll_seen}/${r.changes} seen`,
    );
    console.log(
      `API calls per 1,000 changes: webhooks ${r.api_calls_per_1000_changes} (target ≤ 10), polling ${r.poll_api_calls_per_1000_changes}`,
    );
    console.log(
      `  records fetched by id instead of taken from the payload, by cause: ${JSON.stringify(r.fetched_by_cause)}`,
    );
    console.log(
      `ingress ${r.ingress_per_s} deliveries/s verified and recorded vs raw append ${r.raw_append_per_s}/s (ratio ${r.ingress_ratio}, target ≥ 0.5)`,
    );
    console.log(JSON.stringify(r));
  } finally {
    await stopChild();
    await h.close();
  }
};

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
