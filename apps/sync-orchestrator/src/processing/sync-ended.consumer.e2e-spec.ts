import { randomUUID } from 'node:crypto';
import { StreamTypes, streamIds } from '@sf/contracts';
import { appendToStream, readStream } from '@sf/event-store';
import { createRelay, type Relay } from '@sf/messaging';
import { SyncScope } from '@sf/sync-jobs';
import { uniqueName, waitFor } from '@sf/testing';
import { startE2eKit, type E2eKit } from '../testing/e2e-kit';
import { event } from '../testing/orchestrator-fixtures';
import { waitingJobIdFor } from './waiting-jobs';

describe('SyncJobCompleted consumer (e2e: log -> relay -> JetStream -> the running orchestrator)', () => {
  let kit: E2eKit;
  let relay: Relay | undefined;
  beforeAll(async () => {
    kit = await startE2eKit();
  });
  afterAll(async () => {
    await relay?.stop();
    await kit?.close();
  });

  it('starts the job waiting for a matter sync once the completion is relayed, over the documents live then', async () => {
    const firm = uniqueName('firm');
    const [matter, syncJobId] = ['m-1', randomUUID()];
    const jobId = waitingJobIdFor(syncJobId);
    const scope = SyncScope.matter(matter);
    const row = (id: string, deleted: boolean) => ({
      firm_id: firm,
      id,
      etag: 'e',
      created_at: null,
      updated_at: null,
      data: '{}',
      is_soft_deleted: deleted,
      deleted_at: null,
      last_job_id: null,
      restored_by_job: null,
      last_tx_id: '1',
      last_global_position: '1',
      matter_id: matter,
      parent_id: 'f-1',
    });
    await kit.t.db
      .insertInto('clio_documents')
      .values([row('d1', false), row('d2', true), row('d3', false)])
      .execute();
    // What POST /jobs and the fetcher leave behind: the waiting job, then the sync's completion.
    const requested = event(firm, 'ProcessingJobRequested', {
      jobId,
      matterId: matter,
      folderId: 'f-1',
      includeSubfolders: false,
      syncJobId,
    });
    expect(
      (
        await appendToStream(kit.t.db, streamIds.processingJob(jobId), StreamTypes.processingJob, 'no_stream', [
          requested,
        ])
      ).ok,
    ).toBe(true);
    const completed = event(firm, 'SyncJobCompleted', { jobId: syncJobId, scope, counts: { documents: 2 } });
    expect(
      (await appendToStream(kit.t.db, streamIds.syncScope(firm, scope), StreamTypes.syncScope, 'any', [completed])).ok,
    ).toBe(true);

    relay = createRelay({
      db: kit.t.db,
      lockUrl: kit.t.url,
      nc: kit.nc,
      topology: { namespace: kit.topology.namespace! },
    });
    void relay.run();
    const events = await waitFor(
      () => readStream(kit.t.db, streamIds.processingJob(jobId)),
      (e) => e.length === 2,
      { timeoutMs: 20_000 },
    );
    expect(events.map((e) => [e.type, e.metadata.causationId])).toEqual([
      ['ProcessingJobRequested', null],
      ['JobStarted', completed.eventId],
    ]);
    expect(events[1]!.data).toEqual({ jobId, matterId: matter, folderId: 'f-1', documentIds: ['d1', 'd3'] });
  });
});
