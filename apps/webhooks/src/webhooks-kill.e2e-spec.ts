import { sql } from 'kysely';
import { seededRandom } from '@sf/clio-simulator';
import { spawnService, waitFor, type ServiceChild } from '@sf/testing';
import { WebhooksHarness } from './testing/webhooks-harness';
import { recordTouched, touchedMismatches } from './testing/touched-truth';

// kill -9 of the webhooks process (ingress, registrar and applier) at random points while two firms change: Clio
// retries what the dead ingress did not answer, the applier resumes from its checkpoint; afterwards every change is
// mirrored, and every recorded delivery was applied exactly once.

const MIX = { notes: { create: 0, update: 0, delete: 0 }, relationships: { create: 0, update: 0, delete: 0 } };

describe('webhooks process killed with SIGKILL (child process, real Postgres)', () => {
  let h: WebhooksHarness;
  let child: ServiceChild | undefined;
  const rng = seededRandom(11);

  const spawn = async (): Promise<ServiceChild> => {
    const c = spawnService({
      main: 'apps/webhooks/src/main.ts',
      readyLine: 'webhooks service started',
      label: 'webhooks',
      env: h.env({ LOG_LEVEL: 'info' }),
    });
    await c.started;
    return c;
  };

  beforeAll(async () => {
    // Retries come back within seconds, not Clio's 2 minutes, so a delivery refused while the process is down is
    // delivered again during the test.
    h = await WebhooksHarness.start({ firms: 2, sim: { webhooks: { retry: { baseDelayMs: 300, maxRetries: 12 } } } });
    child = await spawn();
    await h.registered(120_000);
    await waitFor(
      () => h.firms.every((f) => f.sim.edge.webhooks.registry.list().every((w) => w.status === 'enabled')),
      (ok) => ok,
      { timeoutMs: 60_000 },
    );
  }, 240_000);
  afterAll(async () => {
    await child?.kill();
    await h.close();
  });

  it('loses and doubles nothing across three kills', async () => {
    const touched = h.firms.map((f) => recordTouched(f.sim));
    for (const f of h.firms) f.sim.edge.activity.start({ opsPerMinute: 300, mix: MIX });
    for (let i = 0; i < 3; i++) {
      await new Promise((r) => setTimeout(r, 1000 + Math.floor(rng() * 2000)));
      await child!.kill();
      child = await spawn();
    }
    await new Promise((r) => setTimeout(r, 1500));
    for (const f of h.firms) f.sim.edge.activity.stop();

    await waitFor(
      async () =>
        (await Promise.all(h.firms.map((f, i) => touchedMismatches(h.t.db, f.sim, f.firmId, touched[i]!)))).flat(),
      (m) => m.length === 0,
      { timeoutMs: 120_000, intervalMs: 500, description: 'every change mirrored' },
    );
    expect(h.firms.every((f) => f.sim.edge.webhooks.registry.list().every((w) => w.status === 'enabled'))).toBe(true);

    // Applied exactly once: wait for the applier to pass every recorded delivery, then count.
    const received = async () =>
      (
        await sql<{
          id: string;
        }>`select event_id::text as id from es_events where event_type = 'ClioWebhookReceived'`.execute(h.t.db)
      ).rows.map((r) => r.id);
    // One application may span several ClioRecordsObserved (a plan's payload and fetched records, chunks of 200),
    // each naming the plan's deliveries: a delivery is applied twice only when two different plans name it.
    const applied = async () =>
      (
        await sql<{ id: string }>`select d.id from es_events e,
            jsonb_array_elements_text(e.data->'deliveryIds') as d(id)
          where e.event_type = 'ClioRecordsObserved'
          group by d.id, e.data->'deliveryIds'`.execute(h.t.db)
      ).rows.map((r) => r.id);
    await waitFor(
      async () => [(await received()).length, (await applied()).length],
      ([r, a]) => r === a,
      { timeoutMs: 60_000, description: 'every delivery applied' },
    );
    const a = await applied();
    expect(new Set(a).size).toBe(a.length);
    expect(new Set(a)).toEqual(new Set(await received()));
  }, 300_000);
});
