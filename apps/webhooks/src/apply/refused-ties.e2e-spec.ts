import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { EventTypes, ObservationSources } from '@sf/contracts';
import { appendExample } from '@sf/messaging/testing';
import { waitFor } from '@sf/testing';
import { WebhooksHarness, type HarnessFirm } from '../testing/webhooks-harness';
import { liveSubscriptions } from '../registration/subscription-repository';
import { openSecret } from '../registration/subscription-secret';
import { postDelivery } from '../testing/post-delivery';

// A payload the applier appended without knowing of another version of its second (a listing's copy projected after
// it checked) is refused by the mirror, which notes the tie; the applier fetches the record and Clio's answer wins.

describe('applier: ties the mirror refused are fetched (real Postgres, simulator)', () => {
  let h: WebhooksHarness;
  let firm: HarnessFirm;

  beforeAll(async () => {
    h = await WebhooksHarness.start();
    await h.startService({ roles: ['ingress', 'registrar', 'applier'] });
    await h.registered();
    firm = h.firms[0]!;
  }, 120_000);
  afterAll(() => h.close());

  const row = async (id: string) =>
    (
      await sql<{ etag: string; data: Record<string, unknown> }>`select etag, data from clio_tasks
        where firm_id = ${firm.firmId} and id = ${id}`.execute(h.t.db)
    ).rows[0];
  const observe = async (source: 'webhook_fetch' | 'webhook_payload', record: Record<string, unknown>) => {
    await appendExample(h.t.db, EventTypes.ClioRecordsObserved, firm.firmId, {
      entityType: 'tasks',
      source: source === 'webhook_fetch' ? ObservationSources.webhookFetch : ObservationSources.webhookPayload,
      records: [record],
      deletedIds: [],
      deliveryIds: [randomUUID()],
      supersedes: [],
    });
  };

  it('fetches the record of a noted tie once, writes what Clio answers and forgets the note', async () => {
    const sub = (await liveSubscriptions(h.db, firm.firmId)).find((s) => s.model === 'task')!;
    const secret = openSecret(h.keyring, sub.subscriptionId, sub.sealedSecret!)!;
    const task = [...firm.sim.store.table('tasks').ascending()][0]!;
    const id = String(task.id);
    // A partial delivery: the applier fetches the task, so the mirror holds Clio's version.
    const res = await postDelivery(h.publicUrl, sub, secret, { id: task.id, etag: task.etag });
    expect(res.status).toBe(200);
    const current = await waitFor(
      () => row(id),
      (r) => r?.etag === task.etag,
      { timeoutMs: 60_000, description: 'the task mirrored' },
    );
    // Another version of the same second in the row (a read from Clio wins a tie), then a payload of that second
    // under a third etag: the mirror cannot order it against the row, refuses it and notes the tie.
    await observe('webhook_fetch', { ...current!.data, etag: '"listed"' });
    await waitFor(
      () => row(id),
      (r) => r?.etag === '"listed"',
      { description: 'the other version in the row' },
    );
    const before = firm.sim.requests.count;
    await observe('webhook_payload', { ...current!.data, etag: '"unordered"' });

    await waitFor(
      () => row(id),
      (r) => r?.etag === task.etag,
      { timeoutMs: 60_000, description: "Clio's version back in the row" },
    );
    await waitFor(
      async () => (await sql<{ n: string }>`select count(*) as n from clio_mirror_ties`.execute(h.t.db)).rows[0]!.n,
      (n) => Number(n) === 0,
      { description: 'the tie forgotten' },
    );
    const calls = firm.sim.requests
      .entries()
      .slice(-(firm.sim.requests.count - before))
      .filter((r) => r.path.includes('/tasks'));
    expect(calls).toHaveLength(1);
  });
});
