import type { RecordedEvent } from '@sf/contracts';
import { SyncHarness } from './testing/sync-harness';

describe('clio-fetcher: 429 storm and 5xx bursts from the simulator', () => {
  let h: SyncHarness;
  beforeAll(async () => {
    h = await SyncHarness.start({ sim: { counts: { contacts: 600, activities: 1_000, documents: 600 } } });
    // No waiting inside the client: a 429 becomes `rate_limited` at once and the job blocks itself.
    await h.startFetcher({ client: { maxWaitMs: 0, retry: { attempts: 2, baseMs: 10, maxMs: 20 } } });
  });
  afterAll(() => h.close());

  const add = (fault: Parameters<SyncHarness['sim']['edge']['faults']['add']>[0]): void => {
    const r = h.sim.edge.faults.add(fault, h.sim.clock.now());
    if (!r.ok) throw new Error(r.message);
  };
  const reasons = (events: RecordedEvent[]) =>
    events.filter((e) => e.type === 'SyncJobBlocked').map((e) => (e.data as { reason: string }).reason);

  it('blocks on rate limits and Clio errors, resumes by itself, and completes exactly', async () => {
    add({ kind: 'rate_limit', path: '/api/v4/contacts*', count: 3, retryAfterSeconds: 1 });
    add({ kind: 'server_error', path: '/api/v4/tasks*', status: 503, count: 4 });
    const jobId = await h.requestSync({ trigger: 'first_login' });
    expect((await h.waitForJob(jobId, { kind: 'firm' }, 60_000)).type).toBe('SyncJobCompleted');
    await h.mirrorCaughtUp(jobId);
    expect(await h.compareMirror()).toEqual([]);

    const events = await h.jobEvents(jobId);
    const blocked = reasons(events);
    expect(blocked.filter((r) => r.includes('rate limit')).length).toBeGreaterThanOrEqual(1);
    expect(blocked.filter((r) => r.includes('retrying')).length).toBe(2);
    // Every block is followed by the job resuming itself.
    const types = events.map((e) => e.type);
    types.forEach((t, i) => {
      if (t === 'SyncJobBlocked') expect(types[i + 1]).toBe('SyncJobResumed');
    });
  });

  it('fails with auth_failed when Clio keeps refusing the token (after one refresh)', async () => {
    h.sim.edge.faults.clear();
    add({ kind: 'revoked_token', path: '/api/v4/*' });
    const jobId = await h.requestSync({ trigger: 'manual', entityTypes: ['users'] });
    const terminal = await h.waitForJob(jobId);
    expect(terminal.type).toBe('SyncJobFailed');
    expect(terminal.data).toMatchObject({
      code: 'auth_failed',
      reason: 'Clio refused our access during the last sync. Reconnect Clio to continue syncing',
    });
  });

  it('retries a Clio outage a few times, then fails with clio_unavailable', async () => {
    h.sim.edge.faults.clear();
    add({ kind: 'server_error', path: '/api/v4/*', status: 502 });
    const jobId = await h.requestSync({ trigger: 'manual', entityTypes: ['custom_fields'] });
    const terminal = await h.waitForJob(jobId, { kind: 'firm' }, 30_000);
    expect(terminal.data).toMatchObject({ code: 'clio_unavailable' });
    expect(reasons(await h.jobEvents(jobId)).filter((r) => r.includes('retrying'))).toHaveLength(4);
    h.sim.edge.faults.clear();
  });
});
