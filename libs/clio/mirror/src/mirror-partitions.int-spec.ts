import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { RecordedEvent } from '@sf/contracts';
import { appendToStream, loadCheckpoint, LogPosition, type EventStoreTables } from '@sf/event-store';
import { catchUp, checkpointName, partitionOf, rebuildProjection, type ProjectionsTables } from '@sf/projections';
import { createTestDatabase, type TestDatabase } from '@sf/testing';
import { clioMirrorPartitions, mirrorPartitionsFromEnv } from './mirror-partitions';
import { clioMirrorProjection } from './mirror.projection';
import type { ClioMirrorTables } from './schema/clio-mirror.tables';

type Db = EventStoreTables & ProjectionsTables & ClioMirrorTables;
const FIRMS = ['f-1', 'f-2', 'f-3', 'f-4', 'f-5', 'f-6', 'f-7', 'f-8'];
const doc = (id: number, etag: string): Record<string, unknown> => ({
  id,
  etag,
  name: `doc ${id}`,
  created_at: '2026-01-01T00:00:00+00:00',
  updated_at: '2026-01-02T00:00:00+00:00',
  deleted_at: null,
  matter: { id: 7 },
  parent: { id: 70 },
});

/** Every mirror table's rows, in a stable order: what "the same rows" means. */
const snapshot = async (db: TestDatabase<Db>['db']): Promise<Record<string, string[]>> => {
  const out: Record<string, string[]> = {};
  for (const table of clioMirrorProjection.tables) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
    out[table] = rows.map((r) => JSON.stringify(r)).sort();
  }
  return out;
};

describe('the mirror partitioned by firm', () => {
  let t: TestDatabase<Db>;
  let last: RecordedEvent;
  beforeAll(async () => {
    t = await createTestDatabase<Db>();
    // Per firm, interleaved with the others in the log: a page, a later page changing one record, then a sweep.
    const rounds = [
      (f: string) => ({
        type: 'ClioRecordsFetched',
        data: { jobId: `j-${f}`, entityType: 'documents', records: [doc(1, 'a'), doc(2, 'b'), doc(3, 'c')] },
      }),
      (f: string) => ({
        type: 'ClioRecordsFetched',
        data: { jobId: `j-${f}`, entityType: 'documents', records: [doc(2, `b-${f}`)] },
      }),
      (f: string) => ({
        type: 'DocumentsSwept',
        data: {
          jobId: `j-${f}`,
          matterId: '7',
          listed: 2,
          softDeletedIds: ['3'],
          restoredIds: [],
          heldForReview: false,
        },
      }),
    ];
    for (const [round, make] of rounds.entries()) {
      for (const firmId of FIRMS) {
        const { type, data } = make(firmId);
        const meta = { firmId, correlationId: 'c', causationId: null, occurredAt: `2026-03-01T00:0${round}:00.000Z` };
        const r = await appendToStream(t.db, `sync-job-${firmId}`, 'sync_job', round, [
          { eventId: randomUUID(), type, version: 1, data, metadata: meta },
        ]);
        if (!r.ok) throw new Error(r.reason);
        last = r.events[0]!;
      }
    }
  });
  afterAll(() => t?.drop());

  it('reads its count from SF_MIRROR_PARTITIONS and keeps the plain projection at 1', () => {
    expect(mirrorPartitionsFromEnv({})).toBe(1);
    expect(mirrorPartitionsFromEnv({ SF_MIRROR_PARTITIONS: '4' })).toBe(4);
    expect(() => mirrorPartitionsFromEnv({ SF_MIRROR_PARTITIONS: '0' })).toThrow('SF_MIRROR_PARTITIONS');
    expect(clioMirrorPartitions(1)).toEqual([clioMirrorProjection]);
  });

  it('applies each firm in one partition, side by side, to the rows of the whole projection; rebuilds reproduce them', async () => {
    const until = LogPosition.of(last);
    const parts = clioMirrorPartitions(2);
    expect(parts.map((p) => p.name)).toEqual(['clio-mirror#1/2', 'clio-mirror#2/2']);
    // The firms spread over both partitions (else this test would prove little).
    expect(new Set(FIRMS.map((f) => partitionOf(f, 2))).size).toBe(2);

    // One partition alone writes only its firms.
    await catchUp(t.db, parts[0]!, { until });
    const firmsOf = async (): Promise<string[]> =>
      (await t.db.selectFrom('clio_documents').select('firm_id').distinct().execute()).map((r) => r.firm_id).sort();
    expect(await firmsOf()).toEqual(FIRMS.filter((f) => partitionOf(f, 2) === 0));

    // Both, at the same time (each its own lock and checkpoint): every firm, and the checkpoints both at the end.
    await Promise.all(parts.map((p) => catchUp(t.db, p, { until, batchSize: 5 })));
    expect(await firmsOf()).toEqual(FIRMS);
    for (const p of parts) expect(await loadCheckpoint(t.db, checkpointName(p))).toEqual(until);
    const partitioned = await snapshot(t.db);
    const docs = await t.db
      .selectFrom('clio_documents')
      .select(['firm_id', 'id', 'etag', 'is_soft_deleted'])
      .where('firm_id', '=', 'f-3')
      .orderBy('id')
      .execute();
    // Per firm in log order: the later page won, the sweep came after it.
    expect(docs).toEqual([
      { firm_id: 'f-3', id: '1', etag: 'a', is_soft_deleted: false },
      { firm_id: 'f-3', id: '2', etag: 'b-f-3', is_soft_deleted: false },
      { firm_id: 'f-3', id: '3', etag: 'c', is_soft_deleted: true },
    ]);

    // A rebuild of one partition deletes and replays only its firms: the same rows.
    await rebuildProjection(t.db, parts[1]!, { until });
    expect(await snapshot(t.db)).toEqual(partitioned);
    // The unpartitioned projection, rebuilt from the log, writes exactly these rows too.
    await rebuildProjection(t.db, clioMirrorProjection, { until });
    expect(await snapshot(t.db)).toEqual(partitioned);
  });
});
