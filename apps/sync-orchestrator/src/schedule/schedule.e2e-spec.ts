import { readLoggedEvent, streamIds } from '@sf/contracts';
import { readStream } from '@sf/event-store';
import { uniqueName, waitFor } from '@sf/testing';
import { bearer, call, startE2eKit, type E2eKit } from '../testing/e2e-kit';
import { connectFirm } from '../testing/orchestrator-fixtures';
import { revokeFirm } from '../testing/schedule-fixtures';
import { removeWebhook, storeWebhooks } from '../testing/webhook-fixtures';

// Per-firm schedule settings over HTTP (real Postgres and NATS; the orchestrator's own projections run in-process).
describe('sync orchestrator: schedule settings (e2e)', () => {
  let kit: E2eKit;
  const A = uniqueName('firm_a');
  const B = uniqueName('firm_b');
  const C = uniqueName('firm_c');
  const get = (firm: string, id = firm) =>
    call(kit.orchestrator.url, 'GET', `/firms/${id}/sync-schedule`, bearer(firm));
  const patch = (firm: string, body: unknown, id = firm) =>
    call(kit.orchestrator.url, 'PATCH', `/firms/${id}/sync-schedule`, bearer(firm), body);
  const scheduleEvents = async (firm: string) =>
    (await readStream(kit.t.db, streamIds.syncSchedule(firm))).map(readLoggedEvent);

  beforeAll(async () => {
    kit = await startE2eKit();
  });
  afterAll(async () => kit?.close());

  it('answers the defaults, inactive, for a firm that never connected', async () => {
    expect(await get(A)).toMatchObject({
      status: 200,
      body: {
        intervalMinutes: 360,
        offPeakOnly: false,
        paused: false,
        active: false,
        webhooks: 'off',
        effectiveIntervalMinutes: 15,
        nextScheduledSyncAt: null,
        nextReconciliationAt: null,
      },
    });
  });

  it.each([
    [{ intervalMinutes: 4 }, 'intervalMinutes'],
    [{ intervalMinutes: 10_081 }, 'intervalMinutes'],
    [{ intervalMinutes: 30.5 }, 'intervalMinutes'],
    [{ intervalMinutes: '30' }, 'intervalMinutes'],
    [{ offPeakOnly: 'yes' }, 'offPeakOnly'],
    [{ paused: 1 }, 'paused'],
    [{ cron: '* * * * *' }, 'cron'],
  ])('refuses %j with a 400 naming %s and appends nothing', async (body, field) => {
    const r = await patch(A, body);
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).toContain(field);
    expect(await scheduleEvents(A)).toEqual([]);
  });

  it("answers 404 for another firm's schedule", async () => {
    expect((await get(A, B)).status).toBe(404);
    expect((await patch(A, { paused: true }, B)).status).toBe(404);
  });

  it('changes the settings (an event on the firm schedule stream) and shows the next due times once connected', async () => {
    const r = await patch(B, { intervalMinutes: 30, offPeakOnly: false });
    expect(r).toMatchObject({ status: 200, body: { intervalMinutes: 30, paused: false, active: false } });
    expect((await scheduleEvents(B)).map((e) => [e.type, e.data])).toEqual([
      ['SyncScheduleChanged', { intervalMinutes: 30, offPeakOnly: false, paused: false, changedBy: 'user-1' }],
    ]);
    // The same change again writes nothing.
    expect((await patch(B, { intervalMinutes: 30 })).status).toBe(200);
    expect(await scheduleEvents(B)).toHaveLength(1);

    await connectFirm(kit.t.db, B);
    const active = await waitFor(
      () => get(B),
      (a) => a.body['active'] === true,
      { timeoutMs: 30_000, description: 'the schedule to start on connect' },
    );
    const next = Date.parse(String(active.body['nextScheduledSyncAt']));
    expect(next - Date.now()).toBeGreaterThan(10 * 60_000);
    expect(next - Date.now()).toBeLessThanOrEqual(15 * 60_000);
    expect(Date.parse(String(active.body['nextReconciliationAt']))).toBeGreaterThan(Date.now() + 23 * 3_600_000);

    expect((await patch(B, { paused: true })).body).toMatchObject({ paused: true, nextScheduledSyncAt: null });
    expect((await patch(B, { paused: false })).body).toMatchObject({ paused: false, active: true });

    await revokeFirm(kit.t.db, B);
    await waitFor(
      () => get(B),
      (a) => a.body['active'] === false && a.body['nextScheduledSyncAt'] === null,
      { timeoutMs: 30_000, description: 'the schedule to stop on disconnect' },
    );
  });

  it("reads the firm's webhook health from its subscriptions: the status says it, degraded shortens the interval", async () => {
    await patch(C, { intervalMinutes: 240 });
    await connectFirm(kit.t.db, C);
    await storeWebhooks(kit.t.db, C, new Date(Date.now() + 3 * 24 * 3_600_000));
    const status = () => call(kit.orchestrator.url, 'GET', '/sync-status', bearer(C));
    const healthy = await waitFor(
      () => get(C),
      (a) => a.body['active'] === true,
      { timeoutMs: 30_000, description: 'the schedule to start on connect' },
    );
    expect(healthy.body).toMatchObject({ webhooks: 'healthy', effectiveIntervalMinutes: 240 });
    expect(Date.parse(String(healthy.body['nextScheduledSyncAt'])) - Date.now()).toBeGreaterThan(230 * 60_000);
    expect((await status()).body).toMatchObject({ webhooks: { state: 'healthy' } });

    // Clio deleted the task webhook: degraded until the registrar replaces it; the next run comes within 15 minutes.
    await removeWebhook(kit.t.db, C, 'task');
    const degraded = await get(C);
    expect(degraded.body).toMatchObject({ webhooks: 'degraded', effectiveIntervalMinutes: 15 });
    expect(Date.parse(String(degraded.body['nextScheduledSyncAt'])) - Date.now()).toBeLessThanOrEqual(15 * 60_000);
    expect((await status()).body).toMatchObject({
      webhooks: { state: 'degraded', message: expect.stringContaining('scheduled sync') },
    });
  });
});
