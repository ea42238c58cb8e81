import type { Transaction } from 'kysely';
import { createTestDatabase, projectionSpec, type TestDatabase } from '@sf/testing';
import { processingJob, recordedSequence, steppingClock } from '../test-support/history';
import { jobSnapshotsProjection } from './job-snapshots.projection';
import type { EventStoreTables } from '@sf/event-store';
import type { ProjectionsTables } from '@sf/projections';
import type { SyncReadModelTables } from '../projections';

describe('job_snapshots projection (given/when/then, real Postgres)', () => {
  let t: TestDatabase<EventStoreTables & ProjectionsTables & SyncReadModelTables>;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  const jobs = async (trx: Transaction<EventStoreTables & ProjectionsTables & SyncReadModelTables>) =>
    trx
      .selectFrom('job_snapshots')
      .select(['job_id', 'document_ids', 'status', 'total', 'processed', 'skipped', 'failed'])
      .orderBy('job_id')
      .execute();

  it('counts each document outcome once, however often the batch is replayed', async () => {
    const clock = steppingClock();
    const events = recordedSequence([
      processingJob('f1', 'p1', clock, [
        ['JobStarted', { matterId: 'm1', folderId: null, documentIds: ['a', 'b', 'c'] }],
        ['DocumentProcessed', { documentId: 'a', sha256: '0'.repeat(64), size: 1, contentType: 'text/plain' }],
        ['DocumentSkipped', { documentId: 'b', reason: 'deleted_in_clio' }],
      ]),
    ]);
    await projectionSpec(t.db, jobSnapshotsProjection)
      .given(events)
      .then(
        jobs,
        [
          {
            job_id: 'p1',
            document_ids: ['a', 'b', 'c'],
            status: 'running',
            total: 3,
            processed: 1,
            skipped: 1,
            failed: 0,
          },
        ],
        { times: 3, batchSize: 1 },
      );
  });

  it('stores ids and text exactly, whatever characters they hold', async () => {
    const odd = ['a"b', 'c,d', '{e}', 'NULL', 'back\\slash', "it's", ' '];
    const events = recordedSequence([
      processingJob('f1', 'p"2', steppingClock(), [
        ['JobStarted', { matterId: 'm,1', folderId: '{f}', documentIds: odd }],
      ]),
    ]);
    await projectionSpec(t.db, jobSnapshotsProjection)
      .given(events)
      .then(
        (trx) => trx.selectFrom('job_snapshots').select(['job_id', 'matter_id', 'folder_id', 'document_ids']).execute(),
        [{ job_id: 'p"2', matter_id: 'm,1', folder_id: '{f}', document_ids: odd }],
      );
  });
});
