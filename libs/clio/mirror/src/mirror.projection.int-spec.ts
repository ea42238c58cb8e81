import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { RecordedEvent } from '@sf/contracts';
import { appendToStream, LogPosition } from '@sf/event-store';
import { catchUp, rebuildProjection } from '@sf/projections';
import { createTestDatabase, projectionSpec, type TestDatabase } from '@sf/testing';
import { clioMirrorProjection } from './mirror.projection';
import { mirrorEntries, sweepCandidates } from './mirror-queries';
import type { EventStoreTables } from '@sf/event-store';
import type { ProjectionsTables } from '@sf/projections';
import type { ClioMirrorTables } from './schema/clio-mirror.tables';

const FIRM = 'firm-1';
let seq = 0;
const recorded = (type: string, data: Record<string, unknown>, firmId = FIRM): RecordedEvent => {
  seq += 1;
  return {
    eventId: randomUUID(),
    type,
    version: 1,
    data,
    metadata: {
      firmId,
      correlationId: 'c',
      causationId: null,
      occurredAt: `2026-03-01T00:00:${String(seq % 60).padStart(2, '0')}.000Z`,
    },
    streamId: 'sync-job-j1',
    streamPosition: seq,
    globalPosition: String(seq),
    transactionId: String(1000 + seq),
  };
};
const doc = (id: number, etag: string, over: Record<string, unknown> = {}): Record<string, unknown> => ({
  id,
  etag,
  created_at: '2026-01-01T00:00:00+00:00',
  updated_at: '2026-01-02T00:00:00+00:00',
  deleted_at: null,
  matter: { id: 7 },
  parent: { id: 70 },
  ...over,
});
const page = (entityType: string, records: Record<string, unknown>[], jobId = 'j1') =>
  recorded('ClioRecordsFetched', { jobId, entityType, records });
const swept = (ids: string[], over: Record<string, unknown> = {}) =>
  recorded('DocumentsSwept', {
    jobId: 'j1',
    matterId: '7',
    listed: 0,
    softDeletedIds: ids,
    restoredIds: [],
    heldForReview: false,
    ...over,
  });

const documents = (trx: Transaction<EventStoreTables & ProjectionsTables & ClioMirrorTables>) =>
  trx
    .selectFrom('clio_documents')
    .select(['firm_id', 'id', 'etag', 'is_soft_deleted', 'matter_id', 'parent_id', 'restored_by_job'])
    .orderBy('id')
    .execute();

describe('clio-mirror projection (real Postgres)', () => {
  let t: TestDatabase<EventStoreTables & ProjectionsTables & ClioMirrorTables>;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it('upserts pages into the table of their entity type; replays and batch boundaries change nothing', async () => {
    const events = [
      page('documents', [doc(1, 'a1'), doc(2, 'b1')]),
      page('documents', [doc(1, 'a2')]),
      page('matters', [{ id: 7, etag: 'm', updated_at: '2026-01-01T00:00:00Z' }]),
    ];
    const expected = [
      {
        firm_id: FIRM,
        id: '1',
        etag: 'a2',
        is_soft_deleted: false,
        matter_id: '7',
        parent_id: '70',
        restored_by_job: null,
      },
      {
        firm_id: FIRM,
        id: '2',
        etag: 'b1',
        is_soft_deleted: false,
        matter_id: '7',
        parent_id: '70',
        restored_by_job: null,
      },
    ];
    for (const batchSize of [1, 2, 3]) {
      await projectionSpec(t.db, clioMirrorProjection).given(events).then(documents, expected, { times: 3, batchSize });
    }
    await projectionSpec(t.db, clioMirrorProjection)
      .given(events)
      .then((trx) => trx.selectFrom('clio_matters').select(['id', 'etag']).execute(), [{ id: '7', etag: 'm' }]);
  });

  it('stores a redacted record as a live, redacted row without its earlier data, and unredacts it when seen again', async () => {
    const contact = { id: 5, etag: 'c1', updated_at: '2026-01-01T00:00:00Z', name: 'Ada' };
    const rows = (trx: Transaction<EventStoreTables & ProjectionsTables & ClioMirrorTables>) =>
      trx.selectFrom('clio_contacts').select(['id', 'etag', 'data', 'is_redacted', 'is_soft_deleted']).execute();
    await projectionSpec(t.db, clioMirrorProjection)
      .given([page('contacts', [contact]), page('contacts', [{ id: 5, redacted: true }])])
      .then(rows, [{ id: '5', etag: '', data: { id: 5, redacted: true }, is_redacted: true, is_soft_deleted: false }], {
        times: 1,
      });
    await projectionSpec(t.db, clioMirrorProjection)
      .given([page('contacts', [{ id: 5, redacted: true }]), page('contacts', [contact])])
      .then(rows, [{ id: '5', etag: 'c1', data: contact, is_redacted: false, is_soft_deleted: false }], { times: 1 });
  });

  it('never lets an older observation overwrite a newer one', async () => {
    const older = page('documents', [doc(1, 'old')]);
    const newer = page('documents', [doc(1, 'new')]);
    await projectionSpec(t.db, clioMirrorProjection)
      .given([newer])
      .when([older])
      .then(async (trx) => (await documents(trx)).map((r) => r.etag), ['new'], { times: 1 });
  });

  it('soft-deletes swept and trashed records, restores records that come back, and ignores held sweeps', async () => {
    const events = [
      page('documents', [doc(1, 'a'), doc(2, 'b'), doc(3, 'c')]),
      swept(['1']),
      swept(['2'], { heldForReview: true, heldIds: ['2'] }),
      page('documents', [doc(3, 'c2', { deleted_at: '2026-01-05T00:00:00+00:00' })]),
      page('documents', [doc(1, 'a2')], 'j2'),
    ];
    await projectionSpec(t.db, clioMirrorProjection)
      .given(events)
      .then(
        async (trx) => (await documents(trx)).map((r) => [r.id, r.etag, r.is_soft_deleted, r.restored_by_job]),
        [
          ['1', 'a2', false, 'j2'],
          ['2', 'b', false, null],
          ['3', 'c2', true, null],
        ],
        { batchSize: 2 },
      );
  });

  it('applies a page and a sweep of the same record in log order within one batch', async () => {
    const events = [
      page('folders', [doc(9, 'f')]),
      swept(['9'], { entityType: 'folders' }),
      page('folders', [doc(8, 'g')]),
    ];
    await projectionSpec(t.db, clioMirrorProjection)
      .given(events)
      .then(
        (trx) => trx.selectFrom('clio_folders').select(['id', 'is_soft_deleted']).orderBy('id').execute(),
        [
          { id: '8', is_soft_deleted: false },
          { id: '9', is_soft_deleted: true },
        ],
      );
  });

  it('keeps firms apart and skips invalid records', async () => {
    const events = [
      page('documents', [doc(1, 'x'), { id: 2 }]),
      recorded('ClioRecordsFetched', { jobId: 'j', entityType: 'documents', records: [doc(1, 'y')] }, 'firm-2'),
    ];
    await projectionSpec(t.db, clioMirrorProjection)
      .given(events)
      .then(
        async (trx) => (await documents(trx)).map((r) => [r.firm_id, r.id, r.etag]),
        [
          ['firm-1', '1', 'x'],
          ['firm-2', '1', 'y'],
        ],
      );
  });

  it('rebuilds from the log to exactly the live tables, without calling Clio', async () => {
    const meta = () => ({
      firmId: 'firm-r',
      correlationId: 'c',
      causationId: null,
      occurredAt: new Date().toISOString(),
    });
    const ev = (type: 'ClioRecordsFetched' | 'DocumentsSwept', data: object) => ({
      eventId: randomUUID(),
      type,
      version: 1,
      data,
      metadata: meta(),
    });
    const stream = `sync-job-${randomUUID()}`;
    const batches = [
      [
        ev('ClioRecordsFetched', {
          jobId: 'r',
          entityType: 'documents',
          records: [doc(1, 'a'), doc(2, 'b'), doc(3, 'c')],
        }),
      ],
      [ev('ClioRecordsFetched', { jobId: 'r', entityType: 'documents', records: [doc(2, 'b2')] })],
      [
        ev('DocumentsSwept', {
          jobId: 'r',
          matterId: '7',
          listed: 2,
          softDeletedIds: ['3'],
          restoredIds: [],
          heldForReview: false,
        }),
      ],
    ];
    let last: RecordedEvent | undefined;
    for (const [i, events] of batches.entries()) {
      const r = await appendToStream(t.db, stream, 'sync_job', i, events);
      if (!r.ok) throw new Error(r.reason);
      last = r.events[r.events.length - 1];
    }
    await catchUp(t.db, clioMirrorProjection, { until: LogPosition.of(last!) });
    const live = await mirrorEntries(t.db, 'documents', 'firm-r');
    expect(live).toEqual([
      { id: '1', etag: 'a', isSoftDeleted: false, isRedacted: false },
      { id: '2', etag: 'b2', isSoftDeleted: false, isRedacted: false },
      { id: '3', etag: 'c', isSoftDeleted: true, isRedacted: false },
    ]);
    expect(await sweepCandidates(t.db, 'documents', 'firm-r', '7', LogPosition.of(last!))).toEqual(['1', '2']);
    await t.db.deleteFrom('clio_documents').execute();
    await rebuildProjection(t.db, clioMirrorProjection, { until: LogPosition.of(last!) });
    expect(await mirrorEntries(t.db, 'documents', 'firm-r')).toEqual(live);
  });
});
