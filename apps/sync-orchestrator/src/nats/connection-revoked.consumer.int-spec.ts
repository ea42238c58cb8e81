import type { Transaction } from 'kysely';
import { readLoggedEvent, streamIds, StreamTypes, type RecordedEvent } from '@sf/contracts';
import { appendToStream, readStream } from '@sf/event-store';
import { createRelay, type MessageContext, type Relay } from '@sf/messaging';
import { SyncScope } from '@sf/sync-jobs';
import { createTestDatabase, uniqueName, waitFor, type TestDatabase } from '@sf/testing';
import { startE2eKit, type E2eKit } from '../testing/e2e-kit';
import { connectFirm, event, project, projection, workerAppend } from '../testing/orchestrator-fixtures';
import { createSyncService, syncDeps, type SyncService } from '../sync/sync-service';
import { connectionRevokedHandler, REVOKED_CANCEL_REASON } from './connection-revoked.consumer';
import type { OrchestratorDb } from '../schema/orchestrator-schema';

// The handler does its work in its own transactions; the consumer's transaction and context are not used.
const UNUSED_TRX = {} as Transaction<OrchestratorDb>;
const UNUSED_CTX = {} as MessageContext;

const appendConnectionEvent = async (
  db: TestDatabase<OrchestratorDb>['db'],
  firmId: string,
  e: ReturnType<typeof event>,
): Promise<RecordedEvent> => {
  const r = await appendToStream(db, streamIds.connection(firmId), StreamTypes.connection, 'any', [e]);
  if (!r.ok) throw new Error(r.reason);
  return r.events[0]!;
};
const revoke = (
  db: TestDatabase<OrchestratorDb>['db'],
  firmId: string,
  connectionId = `conn-${firmId}`,
  revokedBy: 'user' | 'clio' = 'user',
) => appendConnectionEvent(db, firmId, event(firmId, 'ConnectionRevoked', { connectionId, revokedBy }));

/** Every event of a firm's scope and job streams, for "nothing changed" comparisons. */
const streamsOf = async (
  db: TestDatabase<OrchestratorDb>['db'],
  firmId: string,
  jobIds: string[],
  scopes: SyncScope[],
) => {
  const all = await Promise.all(
    [...scopes.map((s) => streamIds.syncScope(firmId, s)), ...jobIds.map((j) => streamIds.syncJob(j))].map((id) =>
      readStream(db, id),
    ),
  );
  return all.flat().map((e) => e.eventId);
};

describe('connection-revoked consumer handler (real Postgres)', () => {
  let t: TestDatabase<OrchestratorDb>;
  let service: SyncService;
  const handler = () => connectionRevokedHandler({ db: t.db, jobs: projection('sync_jobs') });
  /** One delivery as the runner makes it: a `retry` (the read model was behind: the log is shared) comes back. */
  const handle = (e: Parameters<typeof readLoggedEvent>[0]) =>
    waitFor(
      () => handler()(readLoggedEvent(e), UNUSED_TRX, UNUSED_CTX),
      (d) => d.kind !== 'retry',
      { description: 'handled without a retry' },
    );
  const manual = (firmId: string, scope: SyncScope) =>
    service.request({ firmId, scope, trigger: 'manual', requestedBy: 'user-1' });
  const jobRows = (jobIds: string[]) =>
    t.db
      .selectFrom('sync_jobs')
      .select(['job_id', 'state', 'control_reason'])
      .where('job_id', 'in', jobIds)
      .orderBy('job_id')
      .execute();

  beforeAll(async () => {
    t = await createTestDatabase({ max: 10 });
    service = createSyncService(syncDeps(t.db));
  });
  afterAll(async () => t?.drop());

  /**
   * A connected firm with a running matter job and (unless `firmJob: false`) a requested firm-wide job. The read
   * model is NOT caught up afterwards: the handler must bring it up to the revocation itself.
   */
  const firmWithJobs = async (o: { firmJob?: boolean } = {}) => {
    const firmId = uniqueName('firm');
    await connectFirm(t.db, firmId);
    await project(t.db);
    const matter = SyncScope.matter('m-1');
    const matterJob = (await manual(firmId, matter)).jobId!;
    await workerAppend(t.db, matterJob, 'no_stream', [
      event(firmId, 'SyncJobStarted', {
        jobId: matterJob,
        scope: matter,
        entityTypes: ['documents'],
        estimatedTotal: 10,
      }),
    ]);
    // A firm-wide job may start while matter jobs run (it covers them).
    const firmJob = o.firmJob === false ? 'none' : (await manual(firmId, SyncScope.firm())).jobId!;
    expect([matterJob, firmJob]).not.toContain(null);
    return { firmId, matter, matterJob, firmJob };
  };

  it('cancels every active job of the firm (firm-wide and per matter), even when the read model lagged behind', async () => {
    const other = await firmWithJobs();
    const { firmId, matter, matterJob, firmJob } = await firmWithJobs();
    const revoked = await revoke(t.db, firmId, `conn-${firmId}`, 'clio');
    expect(await jobRows([matterJob, firmJob])).toEqual([]);

    expect(await handle(revoked)).toEqual({ kind: 'ack' });

    for (const scope of [matter, SyncScope.firm()]) {
      const events = await readStream(t.db, streamIds.syncScope(firmId, scope));
      expect(events.map((e) => e.type)).toEqual(['SyncRequested', 'SyncJobCancelled']);
      expect(events[1]!.data).toMatchObject({ reason: REVOKED_CANCEL_REASON });
      expect(events[1]!.metadata).toMatchObject({
        causationId: revoked.eventId,
        correlationId: revoked.metadata.correlationId,
      });
    }
    // The running job's stream moved too, so its worker is fenced at its next append.
    expect(
      (await readStream(t.db, streamIds.syncJob(matterJob))).map((e) => [
        e.type,
        (e.data as { reason?: string }).reason,
      ]),
    ).toEqual([
      ['SyncJobStarted', undefined],
      ['SyncJobPaused', 'cancelled'],
    ]);
    await project(t.db);
    expect(await jobRows([matterJob, firmJob])).toEqual(
      [matterJob, firmJob]
        .sort()
        .map((job_id) => ({ job_id, state: 'cancelled', control_reason: REVOKED_CANCEL_REASON })),
    );
    // Another firm's jobs are untouched.
    expect((await jobRows([other.matterJob, other.firmJob])).map((r) => r.state).sort()).toEqual([
      'requested',
      'running',
    ]);
    // And the policy refuses new syncs of the revoked firm.
    expect((await manual(firmId, SyncScope.matter('m-2'))).decision).toMatchObject({
      action: 'block',
      reason: 'connection_revoked',
    });
  });

  it('changes nothing when the event is delivered again, one after another or concurrently', async () => {
    const { firmId, matter, matterJob, firmJob } = await firmWithJobs();
    const revoked = await revoke(t.db, firmId);
    expect(await handle(revoked)).toEqual({ kind: 'ack' });
    const before = await streamsOf(t.db, firmId, [matterJob, firmJob], [matter, SyncScope.firm()]);
    // Two scope streams (requested, cancelled), the matter job (started, fencing pause), the firm job (fencing pause).
    expect(before).toHaveLength(7);

    const again = await Promise.all([1, 2, 3].map(() => handle(revoked)));
    expect(again).toEqual([{ kind: 'ack' }, { kind: 'ack' }, { kind: 'ack' }]);
    expect(await streamsOf(t.db, firmId, [matterJob, firmJob], [matter, SyncScope.firm()])).toEqual(before);
  });

  it('cancels concurrent first deliveries exactly once per job', async () => {
    const { firmId, matter, matterJob, firmJob } = await firmWithJobs();
    const revoked = await revoke(t.db, firmId);
    await Promise.all([1, 2, 3].map(() => handle(revoked)));
    for (const scope of [matter, SyncScope.firm()]) {
      expect((await readStream(t.db, streamIds.syncScope(firmId, scope))).map((e) => e.type)).toEqual([
        'SyncRequested',
        'SyncJobCancelled',
      ]);
    }
    expect((await readStream(t.db, streamIds.syncJob(matterJob))).map((e) => e.type)).toEqual([
      'SyncJobStarted',
      'SyncJobPaused',
    ]);
    expect((await readStream(t.db, streamIds.syncJob(firmJob))).map((e) => e.type)).toEqual(['SyncJobPaused']);
  });

  it('leaves the jobs of a newer connection alone: a reconnect after the revocation, or a revocation of a replaced connection', async () => {
    const { firmId, matter, matterJob } = await firmWithJobs({ firmJob: false });
    const revoked = await revoke(t.db, firmId);
    await connectFirm(t.db, firmId, `conn-2-${firmId}`);
    await project(t.db);
    const afterReconnect = (await manual(firmId, SyncScope.matter('m-new'))).jobId!;
    expect(afterReconnect).not.toBeNull();
    expect(await handle(revoked)).toEqual({ kind: 'ack' });
    expect(await readStream(t.db, streamIds.syncScope(firmId, matter)).then((es) => es.map((e) => e.type))).toEqual([
      'SyncRequested',
      'SyncJobCancelled',
    ]);
    expect((await readStream(t.db, streamIds.syncScope(firmId, SyncScope.matter('m-new')))).map((e) => e.type)).toEqual(
      ['SyncRequested'],
    );
    await project(t.db);
    expect((await jobRows([matterJob, afterReconnect])).find((r) => r.job_id === afterReconnect)?.state).toBe(
      'requested',
    );

    // The first connection was replaced before it was revoked: the firm's current connection still works.
    const replaced = await firmWithJobs();
    await connectFirm(t.db, replaced.firmId, `conn-2-${replaced.firmId}`);
    const stale = await revoke(t.db, replaced.firmId, `conn-${replaced.firmId}`);
    const before = await streamsOf(
      t.db,
      replaced.firmId,
      [replaced.matterJob, replaced.firmJob],
      [replaced.matter, SyncScope.firm()],
    );
    expect(await handle(stale)).toEqual({ kind: 'ack' });
    expect(
      await streamsOf(
        t.db,
        replaced.firmId,
        [replaced.matterJob, replaced.firmJob],
        [replaced.matter, SyncScope.firm()],
      ),
    ).toEqual(before);
  });

  it('dead-letters other events (its consumer filters ConnectionRevoked); ConnectionNeedsReauth makes the policy refuse new syncs without cancelling running ones', async () => {
    const { firmId, matter, matterJob, firmJob } = await firmWithJobs();
    const needsReauth = await appendConnectionEvent(
      t.db,
      firmId,
      event(firmId, 'ConnectionNeedsReauth', { connectionId: `conn-${firmId}`, reason: 'refresh rejected' }),
    );
    const before = await streamsOf(t.db, firmId, [matterJob, firmJob], [matter, SyncScope.firm()]);
    expect(await handle(needsReauth)).toEqual({
      kind: 'dead',
      reason: 'not a ConnectionRevoked',
    });
    expect(await streamsOf(t.db, firmId, [matterJob, firmJob], [matter, SyncScope.firm()])).toEqual(before);
    await project(t.db);
    expect(await manual(firmId, SyncScope.matter('m-3'))).toEqual({
      decision: { action: 'block', reason: 'needs_reauth' },
      jobId: null,
      message: 'Reconnect Clio to continue syncing',
    });
  });
});

describe('connection-revoked consumer in the running orchestrator (real Postgres, NATS, relay)', () => {
  let kit: E2eKit;
  let relay: Relay | undefined;
  beforeAll(async () => {
    kit = await startE2eKit();
  });
  afterAll(async () => {
    await relay?.stop();
    await kit?.close();
  });

  it("turns ConnectionRevoked (relayed to JetStream) into the cancellation of the firm's jobs", async () => {
    const db = kit.t.db;
    const firmId = uniqueName('firm');
    await connectFirm(db, firmId);
    await waitFor(
      () => db.selectFrom('firm_connections').select('status').where('firm_id', '=', firmId).executeTakeFirst(),
      (r) => r?.status === 'active',
    );
    const request = (scope: SyncScope) =>
      kit.orchestrator.service.request({ firmId, scope, trigger: 'manual', requestedBy: 'user-1' });
    const matterJob = (await request(SyncScope.matter('m-1'))).jobId!;
    const firmJob = (await request(SyncScope.firm())).jobId!;
    const revoked = await revoke(db, firmId);
    // The relay also delivers ClioConnected: with the revocation projected first, its first_login sync is refused
    // rather than racing the cancellation.
    await waitFor(
      () => db.selectFrom('firm_connections').select('status').where('firm_id', '=', firmId).executeTakeFirst(),
      (r) => r?.status === 'revoked',
    );

    relay = createRelay({ db, lockUrl: kit.t.url, nc: kit.nc, topology: { namespace: kit.topology.namespace! } });
    void relay.run();
    const rows = await waitFor(
      () =>
        db
          .selectFrom('sync_jobs')
          .select(['job_id', 'state', 'control_reason'])
          .where('firm_id', '=', firmId)
          .orderBy('job_id')
          .execute(),
      (rs) => rs.length === 2 && rs.every((r) => r.state === 'cancelled'),
      { timeoutMs: 20_000 },
    );
    expect(rows).toEqual(
      [matterJob, firmJob]
        .sort()
        .map((job_id) => ({ job_id, state: 'cancelled', control_reason: REVOKED_CANCEL_REASON })),
    );
    for (const scope of [SyncScope.matter('m-1'), SyncScope.firm()]) {
      const events = await readStream(db, streamIds.syncScope(firmId, scope));
      expect(events.map((e) => [e.type, e.metadata.causationId])).toEqual([
        ['SyncRequested', null],
        ['SyncJobCancelled', revoked.eventId],
      ]);
    }
  });
});
