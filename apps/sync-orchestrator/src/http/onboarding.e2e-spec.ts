import { readLoggedEvent, streamIds } from '@sf/contracts';
import { readStream } from '@sf/event-store';
import { SyncScope } from '@sf/sync-jobs';
import { uniqueName, waitFor } from '@sf/testing';
import { bearer, call, startE2eKit, type E2eKit } from '../testing/e2e-kit';
import { connectFirm } from '../testing/orchestrator-fixtures';
import { runSyncCli } from '../testing/run-sync-cli';

// A firm's stored onboarding setting over HTTP and the CLI: validated, firm-scoped, recorded as an event, and used
// by the firm's sync requests that do not say (real Postgres and NATS).
describe('sync orchestrator: the per-firm onboarding setting (e2e)', () => {
  let kit: E2eKit;
  const A = uniqueName('firm_a');
  const B = uniqueName('firm_b');
  const C = uniqueName('firm_c');
  const put = (firm: string, path: string, body?: unknown) =>
    call(kit.orchestrator.url, 'PUT', path, bearer(firm), body);
  const get = (firm: string, path: string) => call(kit.orchestrator.url, 'GET', path, bearer(firm));
  const firmEvents = async (firm: string) =>
    (await readStream(kit.t.db, streamIds.syncScope(firm, SyncScope.firm()))).map(readLoggedEvent);

  beforeAll(async () => {
    kit = await startE2eKit();
  });
  afterAll(async () => kit?.close());

  it('shows the defaults until a setting is stored', async () => {
    expect(await get(A, `/firms/${A}/onboarding`)).toMatchObject({
      status: 200,
      body: { phased: true, recentMonths: null, source: 'default' },
    });
  });

  it('answers a bad setting with a 400 naming the field, and stores nothing', async () => {
    const cases: Array<[unknown, string]> = [
      [{}, 'phased must be a boolean'],
      [{ phased: 'yes' }, 'phased must be a boolean'],
      [{ phased: true, recentMonths: 0 }, 'recentMonths must be an integer from 1 to 120, or null'],
      [{ phased: true, recentMonths: 2.5 }, 'recentMonths must be an integer from 1 to 120, or null'],
      [{ phased: false, recentMonths: 6 }, 'recentMonths needs a phased sync'],
      [{ phased: true, extra: 1 }, 'property extra should not exist'],
    ];
    for (const [body, message] of cases) {
      const r = await put(A, `/firms/${A}/onboarding`, body);
      expect([r.status, JSON.stringify(r.body)]).toEqual([400, expect.stringContaining(message)]);
    }
    expect(await firmEvents(A)).toEqual([]);
  });

  it("is scoped to the caller's firm: another firm's id is a 404", async () => {
    expect((await put(A, `/firms/${B}/onboarding`, { phased: false })).status).toBe(404);
    expect((await get(A, `/firms/${B}/onboarding`)).status).toBe(404);
    expect(await firmEvents(B)).toEqual([]);
  });

  it('records the setting as an event (once), and a firm sync request that does not say takes it', async () => {
    const r = await put(A, `/firms/${A}/onboarding`, { phased: true, recentMonths: 12 });
    expect(r).toMatchObject({ status: 200, body: { phased: true, recentMonths: 12, source: 'stored' } });
    expect((await put(A, `/firms/${A}/onboarding`, { phased: true, recentMonths: 12 })).status).toBe(200);
    const stored = await firmEvents(A);
    expect(stored.map((e) => [e.type, e.data])).toEqual([
      ['OnboardingSettingChanged', { scope: { kind: 'firm' }, phased: true, recentMonths: 12, changedBy: 'user-1' }],
    ]);
    expect((await get(A, `/firms/${A}/onboarding`)).body).toEqual({ phased: true, recentMonths: 12, source: 'stored' });

    await connectFirm(kit.t.db, A);
    await waitFor(
      () => kit.t.db.selectFrom('firm_connections').select('status').where('firm_id', '=', A).executeTakeFirst(),
      (c) => c?.status === 'active',
    );
    const sync = await call(kit.orchestrator.url, 'POST', `/firms/${A}/sync`, bearer(A), {});
    expect(sync.status).toBe(202);
    const requested = (await firmEvents(A)).find((e) => e.type === 'SyncRequested');
    expect(requested?.type === 'SyncRequested' && requested.data).toMatchObject({
      phased: true,
      recentSince: expect.any(String),
    });
  });

  it('npm run sync -- onboarding: stores a setting, refusing a bad one naming its flag (exit 2)', async () => {
    const run = (...args: string[]) => runSyncCli(kit.t.url, ['onboarding', '--firm', C, ...args]);
    const bad = await run('--phased', 'no', '--recent-months', '6');
    expect([bad.status, bad.stderr]).toEqual([2, expect.stringContaining('--recent-months')]);
    const ok = await run('--phased', 'yes', '--recent-months', '3');
    expect({ status: ok.status, stderr: ok.stderr }).toMatchObject({ status: 0 });
    expect(JSON.parse(ok.stdout)).toEqual({ phased: true, recentMonths: 3, source: 'stored' });
  }, 300_000);
});
