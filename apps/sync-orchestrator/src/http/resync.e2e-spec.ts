import { readLoggedEvent, streamIds } from '@sf/contracts';
import { readStream } from '@sf/event-store';
import { SyncScope } from '@sf/sync-jobs';
import { uniqueName, waitFor } from '@sf/testing';
import { bearer, call, startE2eKit, type E2eKit } from '../testing/e2e-kit';
import { connectFirm } from '../testing/orchestrator-fixtures';
import { runSyncCli } from '../testing/run-sync-cli';

// Re-sync of one entity type and the phased onboarding options, over HTTP and the CLI (real Postgres and NATS).
describe('sync orchestrator: re-sync one entity type, phased onboarding options (e2e)', () => {
  let kit: E2eKit;
  const A = uniqueName('firm_a');
  const B = uniqueName('firm_b');
  const C = uniqueName('firm_c');
  const post = (firm: string, path: string, body?: unknown) =>
    call(kit.orchestrator.url, 'POST', path, bearer(firm), body);
  const firmRequests = async (firm: string) =>
    (await readStream(kit.t.db, streamIds.syncScope(firm, SyncScope.firm()))).map(readLoggedEvent);

  beforeAll(async () => {
    kit = await startE2eKit();
    for (const f of [A, B, C]) {
      await connectFirm(kit.t.db, f);
      await waitFor(
        () => kit.t.db.selectFrom('firm_connections').select('status').where('firm_id', '=', f).executeTakeFirst(),
        (r) => r?.status === 'active',
      );
    }
  });
  afterAll(async () => kit?.close());

  it('answers an unknown entity type with a 400 naming entityType and appends nothing', async () => {
    for (const type of ['invoices', 'Bad-Type']) {
      const r = await post(A, `/firms/${A}/sync/${type}`);
      expect(r.status).toBe(400);
      expect(JSON.stringify(r.body)).toContain('entityType must be');
      expect(JSON.stringify(r.body)).not.toContain(type);
    }
    expect(await firmRequests(A)).toEqual([]);
  });

  it('opens a firm job that lists only that entity type in full (202), never phased', async () => {
    const r = await post(A, `/firms/${A}/sync/contacts`);
    expect(r).toMatchObject({ status: 202, body: { accepted: true, decision: { reason: 'ok' } } });
    const [requested] = await firmRequests(A);
    expect(requested?.type === 'SyncRequested' && requested.data).toEqual({
      jobId: r.body['jobId'],
      scope: { kind: 'firm' },
      trigger: 'manual',
      requestedBy: 'user-1',
      entityTypes: ['contacts'],
      fullListing: true,
    });
    // One active job per firm scope: a second re-sync waits for it like any firm request.
    expect((await post(A, `/firms/${A}/sync/matters`)).status).toBe(409);
  });

  it('plans a never-synced firm in phases, with a recent window when asked; refuses a window without phases', async () => {
    const bad = await post(B, `/firms/${B}/sync`, { phased: false, recentMonths: 6 });
    expect([bad.status, JSON.stringify(bad.body)]).toEqual([400, expect.stringContaining('recentMonths')]);
    expect((await post(B, `/firms/${B}/sync`, { recentMonths: 0 })).status).toBe(400);

    const r = await post(B, `/firms/${B}/sync`, { recentMonths: 6 });
    expect(r.status).toBe(202);
    const [requested] = await firmRequests(B);
    const data = requested?.type === 'SyncRequested' ? requested.data : null;
    expect(data).toMatchObject({ phased: true, recentSince: expect.any(String) });
    const months = (Date.now() - Date.parse(data!.recentSince!)) / (30.44 * 24 * 3600 * 1000);
    expect(months).toBeGreaterThan(5.9);
    expect(months).toBeLessThan(6.1);

    const job = await waitFor(
      () => call(kit.orchestrator.url, 'GET', `/sync-jobs/${String(r.body['jobId'])}`, bearer(B)),
      (a) => a.status === 200,
    );
    expect(job.body).toMatchObject({ phases: null, availableFeatures: [] });
  });

  it('npm run sync -- resync: refuses an unknown type naming --entity-type (exit 2), opens a job for a known one', async () => {
    const run = (...args: string[]) => runSyncCli(kit.t.url, ['resync', '--firm', C, ...args]);
    const unknown = await run('--entity-type', 'invoices');
    expect([unknown.status, unknown.stderr]).toEqual([2, expect.stringContaining('--entity-type: entityType must be')]);
    const ok = await run('--entity-type', 'tasks', '--by', 'ops-1');
    expect({ status: ok.status, stderr: ok.stderr }).toMatchObject({ status: 0 });
    expect(JSON.parse(ok.stdout)).toMatchObject({ decision: { action: 'start', reason: 'ok' } });
  }, 300_000);
});
