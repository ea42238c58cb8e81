import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { streamIds, StreamTypes } from '@sf/contracts';
import { createDb } from '@sf/db';
import { appendToStream, LogPosition, readStream } from '@sf/event-store';
import { nextOffPeak, WebhookHealth } from '@sf/sync-jobs';
import { SyncHarness } from '../../apps/clio-fetcher/src/testing/sync-harness';
import type { OrchestratorDb } from '../../apps/sync-orchestrator/src/schema/orchestrator-schema';
import { createScheduleService } from '../../apps/sync-orchestrator/src/schedule/schedule-service';
import { event } from '../../apps/sync-orchestrator/src/testing/orchestrator-fixtures';
import { projectSchedules, startedAt, testScheduler } from '../../apps/sync-orchestrator/src/testing/schedule-fixtures';
import { waitFor } from '@sf/testing';
import { mirrorSampler } from '../../apps/webhooks/src/testing/mirror-sampler';
import type { WebhooksService } from '../../apps/webhooks/src/start-webhooks';
import { startWebhooksBeside } from './webhooks-beside';

const DAY = 24 * 3_600_000;
const WEBHOOK_COVERED_MIX = {
  notes: { create: 0, update: 0, delete: 0 },
  relationships: { create: 0, update: 0, delete: 0 },
};

// The periodic reconciliation (trigger `maintenance`: a full id listing and mark-and-sweep) makes the mirror exact
// after Clio changed with no sync at all, hard deletes included (real Postgres, NATS, fetcher; Clio = simulator).
describe('scheduled reconciliation catches hard deletes and missed changes (e2e)', () => {
  let h: SyncHarness;
  let db: Kysely<OrchestratorDb>;
  /** When the scheduler fired the last reconciliation (its clock, epoch ms). */
  let reconciledAt = 0;
  let webhooks: WebhooksService | undefined;

  beforeAll(async () => {
    h = await SyncHarness.start();
    db = createDb<OrchestratorDb>({ url: h.t.url, max: 4 });
    await h.startFetcher();
    const first = await h.requestSync({ trigger: 'first_login' });
    expect((await h.waitForJob(first, { kind: 'firm' }, 150_000)).type).toBe('SyncJobCompleted');
    await h.mirrorCaughtUp(first);
    expect(await h.compareMirror()).toEqual([]);
  }, 180_000);
  afterAll(async () => {
    await webhooks?.close();
    await db?.destroy();
    await h?.close();
  });

  it('a maintenance run fired by the scheduler off-peak makes the mirror equal to Clio again', async () => {
    // Healthy webhooks and a weekly interval: within the day only the reconciliation is due.
    const schedules = createScheduleService({ db, now: () => new Date(), newId: randomUUID, maxAttempts: 10 });
    await schedules.change(h.firmId, { intervalMinutes: 7 * 24 * 60 }, 'user-1');
    const connected = event(h.firmId, 'ClioConnected', {
      connectionId: h.connectionId,
      region: 'us',
      clioUserId: '1',
      connectedBy: 'user-1',
    });
    const r = await appendToStream(db, streamIds.connection(h.firmId), StreamTypes.connection, 'any', [connected]);
    expect(r.ok).toBe(true);
    await projectSchedules(db);

    // Clio changes while nothing syncs: hard deletes (no webhook, no trash) and an update.
    const store = h.sim.store;
    const all = <R extends 'tasks' | 'contacts' | 'calendar_entries'>(type: R) => [...store.table(type).ascending()];
    const deleted = [
      ...all('tasks')
        .slice(0, 3)
        .map((t) => ['tasks', t.id] as const),
      ...all('contacts')
        .slice(-2)
        .map((c) => ['contacts', c.id] as const),
      ...all('calendar_entries')
        .slice(0, 2)
        .map((c) => ['calendar_entries', c.id] as const),
    ];
    for (const [type, id] of deleted) expect(store.delete(type, id)).toMatchObject({ ok: true, trashed: false });
    const renamed = all('tasks')[5]!;
    store.update('tasks', renamed.id, { name: `${renamed.name} (renamed)` });
    const diffBefore = await h.compareMirror();
    expect(diffBefore.length).toBeGreaterThan(0);

    const clock = { now: 0 };
    const scheduler = testScheduler(db, clock, { webhookHealth: () => Promise.resolve(WebhookHealth.healthy) });
    const t0 = await startedAt(db, h.firmId);
    clock.now = nextOffPeak('us', t0 + DAY - 60_000) - 60_000;
    expect((await scheduler.tick()).fired.filter((f) => f.firmId === h.firmId)).toEqual([]);
    clock.now = nextOffPeak('us', t0 + DAY);
    const fired = (await scheduler.tick()).fired.filter((f) => f.firmId === h.firmId);
    expect(fired).toEqual([
      expect.objectContaining({ kind: 'reconcile', trigger: 'maintenance', reason: 'ok', jobId: expect.any(String) }),
    ]);

    reconciledAt = clock.now;

    const jobId = fired[0]!.jobId!;
    expect((await h.waitForJob(jobId, { kind: 'firm' }, 120_000)).type).toBe('SyncJobCompleted');
    await h.mirrorCaughtUp(jobId);
    expect(await h.compareMirror()).toEqual([]);
  });

  it('with webhooks losing 20% of deliveries and reordering others, nothing moves backwards and the next reconciliation is exact', async () => {
    expect(reconciledAt).toBeGreaterThan(0);
    webhooks = await startWebhooksBeside(h);
    h.sim.edge.webhooks.dispatcher.chaos.set({ dropShare: 0.2, delayShare: 0.3, delayMs: 1500, duplicateShare: 0.2 });
    // Every mirror row's updated_at, read every 200 ms from now until the reconciliation has been applied.
    const sampler = mirrorSampler(db, 200);
    let backwards: string[] = [];
    try {
      // The activity generator changes the firm (creates, updates, trashes, hard deletes) while only webhooks deliver,
      // in the resources webhooks cover (notes and relationships have no webhook model).
      h.sim.edge.activity.start({ opsPerMinute: 900, mix: WEBHOOK_COVERED_MIX });
      await new Promise((r) => setTimeout(r, 10_000));
      h.sim.edge.activity.stop();
      const dispatcher = h.sim.edge.webhooks.dispatcher;
      // Lost deliveries leave the mirror behind Clio until a listing: that is what the reconciliation is for.
      const stale = await waitFor(
        () => h.compareMirror(),
        (d) => d.length > 0,
        { timeoutMs: 10_000, description: 'webhooks alone leave the mirror stale' },
      );
      // The reconciliation starts while delayed and duplicated deliveries are still in flight: copies of older
      // versions (some in the same second as the version its listing reads) land after the listing and must not
      // take a row back.
      const inFlight = dispatcher.queue.pending();

      const scheduler = testScheduler(
        db,
        { now: nextOffPeak('us', reconciledAt + DAY) + 60_000 },
        { webhookHealth: () => Promise.resolve(WebhookHealth.healthy) },
      );
      const fired = (await scheduler.tick()).fired.filter((f) => f.firmId === h.firmId);
      expect(fired).toEqual([expect.objectContaining({ kind: 'reconcile', trigger: 'maintenance', reason: 'ok' })]);
      const jobId = fired[0]!.jobId!;
      expect((await h.waitForJob(jobId, { kind: 'firm' }, 240_000)).type).toBe('SyncJobCompleted');
      await h.mirrorCaughtUp(jobId);
      // Every delivery answered and applied, and the mirror caught up with the last of them.
      await waitFor(
        async () => {
          await h.sim.edge.settle();
          return dispatcher.queue.pending();
        },
        (n) => n === 0,
        { timeoutMs: 30_000, description: 'every delivery answered' },
      );
      await waitFor(
        async () =>
          sql<{ received: number; applied: number }>`select
            (select count(*)::int from es_events where event_type = 'ClioWebhookReceived') as received,
            (select coalesce(sum(applied), 0)::int from webhook_firm_stats) as applied`.execute(db),
        (r) => r.rows[0]!.received === r.rows[0]!.applied,
        { timeoutMs: 30_000, description: 'every recorded delivery applied' },
      );
      const inbox = await readStream(db, streamIds.webhookInbox(h.firmId));
      await h.projections.whenCaughtUp({ until: LogPosition.of(inbox[inbox.length - 1]!), timeoutMs: 30_000 });
      const { dropped, delayed } = dispatcher.chaos.counts;
      expect(dropped).toBeGreaterThan(0);
      expect(delayed).toBeGreaterThan(0);
      console.log(
        `chaos: ${dropped} dropped, ${delayed} delayed; ${stale.length} stale records before the reconciliation, ` +
          `${inFlight} deliveries in flight when it started; ${sampler.rows()} rows sampled ${sampler.rounds()} times`,
      );
      expect(await h.compareMirror()).toEqual([]);
    } finally {
      backwards = await sampler.stop();
    }
    expect(backwards).toEqual([]);
    expect(sampler.rounds()).toBeGreaterThan(10);
  }, 420_000);
});
