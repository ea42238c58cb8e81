import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { RecordedEvent } from '@sf/contracts';
import { appendToStream, LogPosition, type EventStoreTables } from '@sf/event-store';
import { catchUp, rebuildProjection, type ProjectionsTables } from '@sf/projections';
import { createTestDatabase, projectionSpec, type TestDatabase } from '@sf/testing';
import { clioMirrorProjection } from '../mirror.projection';
import type { ClioMirrorTables } from '../schema/clio-mirror.tables';

type DB = EventStoreTables & ProjectionsTables & ClioMirrorTables;
const FIRM = 'firm-c';
let seq = 0;
const recorded = (type: string, data: Record<string, unknown>, version = 1): RecordedEvent => {
  seq += 1;
  return {
    eventId: randomUUID(),
    type,
    version,
    data,
    metadata: {
      firmId: FIRM,
      correlationId: 'c',
      causationId: null,
      occurredAt: `2026-03-01T00:${String(Math.floor(seq / 60) % 60).padStart(2, '0')}:${String(seq % 60).padStart(2, '0')}.000Z`,
    },
    streamId: 'sync-job-j1',
    streamPosition: seq,
    globalPosition: String(seq),
    transactionId: String(5000 + seq),
  };
};
const doc = (id: number, name: string, over: Record<string, unknown> = {}): Record<string, unknown> => ({
  id,
  etag: `${name}-${seq}`,
  name,
  updated_at: '2026-01-02T00:00:00+00:00',
  deleted_at: null,
  matter: { id: 7 },
  parent: { id: 70 },
  ...over,
});
const page = (records: Record<string, unknown>[], mode?: 'full' | 'incremental', jobId = 'j1') =>
  recorded('ClioRecordsFetched', { jobId, entityType: 'documents', records, ...(mode ? { mode } : {}) }, 2);

const changes = (trx: Transaction<DB>) =>
  trx
    .selectFrom('clio_record_changes')
    .select(['change_id', 'record_id', 'change', 'fields', 'source', 'job_id', 'tx_id', 'global_position'])
    .orderBy('tx_id')
    .orderBy('global_position')
    .orderBy('record_id')
    .execute();
const summary = async (trx: Transaction<DB>) =>
  (await changes(trx)).map((c) => [c.record_id, c.change, Object.keys(c.fields).sort().join(','), c.source]);

describe('record changes derived by the mirror projection (real Postgres)', () => {
  let t: TestDatabase<DB>;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  const history = [
    page([doc(1, 'a'), doc(2, 'b')], 'full'),
    page([doc(1, 'a'), doc(2, 'b')], 'incremental'), // fetched again unchanged (new etags): nothing
    page([doc(1, 'a2')], 'incremental'),
    page([doc(1, 'a3')], 'incremental'), // two updates of one record in one batch: two changes
    page([doc(2, 'b', { deleted_at: '2026-01-05T00:00:00+00:00' })], 'incremental'),
    page([doc(2, 'b')], 'full'),
    recorded('RecordsSwept', {
      jobId: 'j1',
      entityType: 'documents',
      matterId: '7',
      listed: 1,
      softDeletedIds: ['1'],
      restoredIds: [],
      heldForReview: false,
    }),
  ];
  const expected = [
    ['1', 'created', 'deleted_at,etag,id,matter,name,parent,updated_at', 'initial_sync'],
    ['2', 'created', 'deleted_at,etag,id,matter,name,parent,updated_at', 'initial_sync'],
    ['1', 'updated', 'etag,name', 'incremental_sync'],
    ['1', 'updated', 'etag,name', 'incremental_sync'],
    ['2', 'deleted', 'deleted_at,etag', 'incremental_sync'],
    ['2', 'restored', 'deleted_at,etag', 'initial_sync'],
    ['1', 'deleted', '', 'initial_sync'],
  ];

  it('one change per real change, none for an unchanged refetch, whatever the batches and replays', async () => {
    // etag alone changes on the unchanged refetch: a field we store, so make the refetch carry the old etags.
    const fixed = history.map((e, i) =>
      i === 1
        ? { ...e, data: { ...(e.data as object), records: (history[0]!.data as { records: unknown[] }).records } }
        : e,
    );
    let ids: unknown;
    for (const batchSize of [1, 2, 3, 7]) {
      const rows = await projectionSpec(t.db, clioMirrorProjection)
        .given(fixed)
        .thenRows(async (trx) => ({ summary: await summary(trx), ids: (await changes(trx)).map((c) => c.change_id) }), {
          times: 3,
          batchSize,
        });
      expect(rows.summary).toEqual(expected);
      ids ??= rows.ids;
      expect(rows.ids).toEqual(ids);
    }
  });

  it('webhook observations change a record only when newer, and deletions are changes of their own', async () => {
    const observed = (records: Record<string, unknown>[], deletedIds: string[] = []) =>
      recorded('ClioRecordsObserved', {
        entityType: 'documents',
        source: 'webhook_payload',
        records,
        deletedIds,
        deliveryIds: [randomUUID()],
      });
    const first = page([doc(3, 'c')], 'full');
    const rows = await projectionSpec(t.db, clioMirrorProjection)
      .given([
        first,
        observed([doc(3, 'c2', { updated_at: '2026-01-03T00:00:00+00:00' })]),
        observed([doc(3, 'stale', { updated_at: '2026-01-01T00:00:00+00:00' })]),
        observed([], ['3']),
      ])
      .thenRows(changes, { times: 2 });
    expect(rows.map((c) => [c.record_id, c.change, c.source, c.job_id])).toEqual([
      ['3', 'created', 'initial_sync', 'j1'],
      ['3', 'updated', 'webhook', null],
      ['3', 'deleted', 'webhook', null],
    ]);
    expect(rows[1]!.fields['name']).toEqual({ old: 'c', new: 'c2' });
  });

  it("a rebuild from the log derives the same rows, and leaves recorded rows untouched (the change relay's order)", async () => {
    const ev = (type: 'ClioRecordsFetched' | 'RecordsSwept', data: object) => ({
      eventId: randomUUID(),
      type,
      version: 2,
      data,
      metadata: { firmId: 'firm-rb', correlationId: 'c', causationId: null, occurredAt: new Date().toISOString() },
    });
    const stream = `sync-job-${randomUUID()}`;
    const pages = [
      [
        ev('ClioRecordsFetched', {
          jobId: 'r',
          entityType: 'documents',
          records: [doc(1, 'a'), doc(2, 'b')],
          mode: 'full',
        }),
      ],
      [ev('ClioRecordsFetched', { jobId: 'r', entityType: 'documents', records: [doc(1, 'a2')], mode: 'incremental' })],
      [ev('ClioRecordsFetched', { jobId: 'r', entityType: 'documents', records: [doc(1, 'a2')], mode: 'incremental' })],
    ];
    let last = LogPosition.start;
    for (const [i, events] of pages.entries()) {
      const r = await appendToStream(t.db, stream, 'sync_job', i, events);
      if (!r.ok) throw new Error(r.reason);
      last = LogPosition.of(r.events[r.events.length - 1]!);
    }
    const rows = () =>
      t.db
        .selectFrom('clio_record_changes')
        .selectAll()
        .where('firm_id', '=', 'firm-rb')
        .orderBy('tx_id')
        .orderBy('global_position')
        .orderBy('record_id')
        .execute();
    await catchUp(t.db, clioMirrorProjection, { until: last });
    const live = await rows();
    expect(live.map((r) => [r.record_id, r.change])).toEqual([
      ['1', 'created'],
      ['2', 'created'],
      ['1', 'updated'],
    ]);
    // The mirror rebuilt: the same rows, untouched (still written by the same transactions, so the change relay,
    // which follows them, publishes nothing twice).
    await rebuildProjection(t.db, clioMirrorProjection, { until: last });
    expect(await rows()).toEqual(live);
    // History dropped, then rebuilt: the same rows (ids, positions, fields, times), written anew.
    await t.db.deleteFrom('clio_record_changes').execute();
    await rebuildProjection(t.db, clioMirrorProjection, { until: last });
    const again = await rows();
    expect(again.map(({ written_by: _, ...r }) => r)).toEqual(live.map(({ written_by: _, ...r }) => r));
    expect(BigInt(again[0]!.written_by)).toBeGreaterThan(BigInt(live[0]!.written_by));
  });
});
