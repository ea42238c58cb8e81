import { sql } from 'kysely';
import { LogPosition, readAllAfter } from '@sf/event-store';
import { waitFor } from '@sf/testing';
import { WebhooksHarness } from '../testing/webhooks-harness';
import { liveSubscriptions } from '../registration/subscription-repository';
import { openSecret } from '../registration/subscription-secret';
import { postDelivery } from '../testing/post-delivery';

// A delivery that lacks some of the mirror's fields (a webhook registered with fewer fields) is applied by fetching
// the records by ids[], batched: one call for many deliveries of one entity type.

describe('applier: targeted fetch by ids[] (real Postgres, simulator)', () => {
  let h: WebhooksHarness;

  beforeAll(async () => {
    h = await WebhooksHarness.start();
    await h.startService({ roles: ['ingress', 'registrar'] });
    await h.registered();
  }, 120_000);
  afterAll(() => h.close());

  it('fetches partial records in one call per entity type and mirrors them whole', async () => {
    const firm = h.firms[0]!;
    const sub = (await liveSubscriptions(h.db, firm.firmId)).find((s) => s.model === 'task')!;
    const secret = openSecret(h.keyring, sub.subscriptionId, sub.sealedSecret!)!;
    const tasks = [...firm.sim.store.table('tasks').ascending()].slice(0, 30);
    for (const t of tasks) {
      const res = await postDelivery(h.publicUrl, sub, secret, { id: t.id, etag: t.etag });
      expect(res.status).toBe(200);
    }
    // The applier starts only once all 30 deliveries are readable in the log (a busy cluster's open transactions hold
    // the readable horizon back), so they are all in its first pass.
    await waitFor(
      async () => (await readAllAfter(h.db, LogPosition.start, 10_000)).filter((e) => e.type === 'ClioWebhookReceived'),
      (received) => received.length >= tasks.length,
      { timeoutMs: 60_000, description: 'deliveries readable in the log' },
    );
    const before = firm.sim.requests.count;
    await h.startService({ roles: ['applier'], port: 0 });
    await waitFor(
      async () =>
        (
          await sql<{ n: string }>`select count(*) as n from clio_tasks where firm_id = ${firm.firmId}
            and id = any(${tasks.map((t) => String(t.id))}::text[])`.execute(h.t.db)
        ).rows[0]!.n,
      (n) => Number(n) === tasks.length,
      { timeoutMs: 60_000, description: 'fetched tasks mirrored' },
    );
    const rows = await sql<{ etag: string; data: Record<string, unknown> }>`select etag, data from clio_tasks
      where firm_id = ${firm.firmId} and id = ${String(tasks[0]!.id)}`.execute(h.t.db);
    expect(rows.rows[0]!.etag).toBe(tasks[0]!.etag);
    expect(Object.keys(rows.rows[0]!.data)).toEqual(expect.arrayContaining(['name', 'status', 'matter']));
    const fetches = firm.sim.requests
      .entries()
      .slice(-(firm.sim.requests.count - before))
      .filter((r) => r.path.includes('/tasks'));
    expect(fetches).toHaveLength(1);
  });
});
