import { randomUUID } from 'node:crypto';
import { createDb } from '@sf/db';
import { nextOffPeak, WebhookHealth } from '@sf/sync-jobs';
import { createTestDatabase, uniqueName, type TestDatabase } from '@sf/testing';
import { connectFirm, finishJob } from '../testing/orchestrator-fixtures';
import { firmRequests, projectSchedules, revokeFirm, startedAt, testScheduler } from '../testing/schedule-fixtures';
import type { OrchestratorDb } from '../schema/orchestrator-schema';
import { storeWebhooks } from '../testing/webhook-fixtures';
import { createScheduleService } from './schedule-service';
import { webhookHealthFromDb } from './webhook-health';

const MIN = 60_000;

describe('scheduler (real Postgres, injected clock)', () => {
  let t: TestDatabase<OrchestratorDb>;
  beforeAll(async () => {
    t = await createTestDatabase<OrchestratorDb>();
  });
  afterAll(async () => t?.drop());

  const settings = (firmId: string, change: object) =>
    createScheduleService({ db: t.db, now: () => new Date(), newId: randomUUID, maxAttempts: 10 }).change(
      firmId,
      change,
      'user-1',
    );
  const connected = async (n = 1, change?: object): Promise<string[]> => {
    const firms = Array.from({ length: n }, () => uniqueName('sched'));
    for (const f of firms) {
      if (change) await settings(f, change);
      await connectFirm(t.db, f);
    }
    await projectSchedules(t.db);
    return firms;
  };
  const schedulesOnly = (firms: string[]) => (r: { firmId: string; kind: string }) =>
    firms.includes(r.firmId) && r.kind === 'schedule';

  it('fires a schedule run at the interval (shortened while webhooks are off), then counts from the run', async () => {
    const [firm] = await connected();
    const t0 = await startedAt(t.db, firm!);
    const clock = { now: t0 };
    const s = testScheduler(t.db, clock);
    const fired = async (at: number) => {
      clock.now = at;
      return (await s.tick()).fired.filter(schedulesOnly([firm!]));
    };
    expect(await fired(t0)).toEqual([]);
    expect(await fired(t0 + 14 * MIN)).toEqual([]);
    expect(await fired(t0 + 15 * MIN)).toEqual([expect.objectContaining({ trigger: 'schedule', reason: 'ok' })]);
    expect(await firmRequests(t.db, firm!)).toEqual([['schedule', expect.any(String)]]);
    expect(await fired(t0 + 29 * MIN)).toEqual([]);
    // The job is still open (no fetcher here): the policy answers for the next run, which opens nothing.
    expect(await fired(t0 + 30 * MIN)).toEqual([expect.objectContaining({ reason: 'already_syncing' })]);
    const [[, jobId]] = (await firmRequests(t.db, firm!)) as [[string, string]];
    await finishJob(t.db, firm!, jobId, { kind: 'firm' }, new Date());
    await projectSchedules(t.db);
    expect(await fired(t0 + 45 * MIN)).toEqual([expect.objectContaining({ reason: 'ok' })]);
    expect((await firmRequests(t.db, firm!)).map(([trigger]) => trigger)).toEqual(['schedule', 'schedule']);
  });

  it('refuses intervals under a minute (a run would be due again within its own tick)', () => {
    const config = { degradedIntervalMs: 0, reconcileIntervalMs: 86_400_000 };
    expect(() => testScheduler(t.db, { now: 0 }, { config })).toThrow('degradedIntervalMs');
  });

  it('two replicas ticking side by side never fire the same due run twice', async () => {
    const firms = await connected(12);
    const t0 = Math.max(...(await Promise.all(firms.map((f) => startedAt(t.db, f)))));
    const clock = { now: t0 + 15 * MIN };
    const otherDb = createDb<OrchestratorDb>({ url: t.url, max: 4 });
    try {
      const a = testScheduler(t.db, clock, { batch: 3 });
      const b = testScheduler(otherDb, clock, { batch: 3 });
      const reports = await Promise.all([a.tick(), b.tick(), a.tick(), b.tick()]);
      const fired = reports.flatMap((r) => r.fired).filter(schedulesOnly(firms));
      expect(fired.map((f) => f.firmId).sort()).toEqual([...firms].sort());
      expect(reports.reduce((n, r) => n + r.fenced, 0)).toBe(0);
      for (const f of firms) expect(await firmRequests(t.db, f)).toHaveLength(1);
    } finally {
      await otherDb.destroy();
    }
  });

  it('does not sync a paused firm, and syncs it once unpaused', async () => {
    const [firm] = await connected(1, { paused: true });
    const t0 = await startedAt(t.db, firm!);
    const clock = { now: t0 + 60 * MIN };
    const s = testScheduler(t.db, clock);
    expect((await s.tick()).fired.filter((r) => r.firmId === firm)).toEqual([]);
    await settings(firm!, { paused: false });
    await projectSchedules(t.db);
    expect((await s.tick()).fired.filter(schedulesOnly([firm!]))).toHaveLength(1);
  });

  it('defers an off-peak-only firm to the off-peak hours of its region', async () => {
    const [firm] = await connected(1, { offPeakOnly: true, intervalMinutes: 60 });
    const t0 = await startedAt(t.db, firm!);
    // A peak instant well after the first run is due: the first window after a US peak hour.
    const peak = nextOffPeak('us', t0) === t0 ? t0 + 9 * 60 * MIN : t0;
    const window = nextOffPeak('us', peak);
    expect(window).toBeGreaterThan(peak);
    const clock = { now: peak + MIN };
    const s = testScheduler(t.db, clock);
    expect((await s.tick()).fired.filter(schedulesOnly([firm!]))).toEqual([]);
    clock.now = window - MIN;
    expect((await s.tick()).fired.filter(schedulesOnly([firm!]))).toEqual([]);
    clock.now = window;
    expect((await s.tick()).fired.filter(schedulesOnly([firm!]))).toEqual([
      expect.objectContaining({ trigger: 'schedule', reason: 'ok' }),
    ]);
  });

  it('shortens the interval of firms whose webhooks are degraded (read from the webhook subscriptions)', async () => {
    const [healthy, degraded] = await connected(2, { intervalMinutes: 120 });
    const t0 = Math.max(await startedAt(t.db, healthy!), await startedAt(t.db, degraded!));
    const clock = { now: t0 };
    // Both firms have every model's webhook; one of the degraded firm's expires before the first scheduled run.
    await storeWebhooks(t.db, healthy!, new Date(t0 + 3 * 24 * 60 * MIN));
    await storeWebhooks(t.db, degraded!, new Date(t0 + 3 * 24 * 60 * MIN), ['matter', 'contact', 'folder']);
    await storeWebhooks(t.db, degraded!, new Date(t0 + 10 * MIN), ['calendar_entry', 'task', 'document', 'activity']);
    const webhookHealth = webhookHealthFromDb(t.db, () => new Date(clock.now));
    expect(await webhookHealth(healthy!)).toBe(WebhookHealth.healthy);
    expect(await webhookHealth(degraded!)).toBe(WebhookHealth.healthy);
    const s = testScheduler(t.db, clock, { webhookHealth });
    const firedAt = async (at: number) => {
      clock.now = at;
      return (await s.tick()).fired.filter(schedulesOnly([healthy!, degraded!])).map((f) => f.firmId);
    };
    expect(await firedAt(t0)).toEqual([]);
    clock.now = t0 + 10 * MIN;
    expect(await webhookHealth(degraded!)).toBe(WebhookHealth.degraded);
    expect(await firedAt(t0 + 15 * MIN)).toEqual([degraded]);
    expect(await firedAt(t0 + 119 * MIN)).toEqual([degraded]);
    expect(await firedAt(t0 + 120 * MIN)).toEqual([healthy]);
  });

  it('stops the schedule of a disconnected firm; reconnecting starts it again', async () => {
    const [firm] = await connected();
    await revokeFirm(t.db, firm!);
    await projectSchedules(t.db);
    const t0 = await startedAt(t.db, firm!);
    const clock = { now: t0 + 2 * 24 * 60 * MIN };
    const s = testScheduler(t.db, clock);
    expect((await s.tick()).fired.filter((r) => r.firmId === firm)).toEqual([]);
    const view = await createScheduleService({
      db: t.db,
      now: () => new Date(clock.now),
      newId: randomUUID,
      maxAttempts: 10,
    }).get(firm!);
    expect(view).toMatchObject({ active: false, nextScheduledSyncAt: null, nextReconciliationAt: null });
    expect(await firmRequests(t.db, firm!)).toEqual([]);

    await connectFirm(t.db, firm!);
    await projectSchedules(t.db);
    expect((await s.tick()).fired.filter(schedulesOnly([firm!]))).toEqual([
      expect.objectContaining({ trigger: 'schedule', reason: 'ok' }),
    ]);
  });
});
