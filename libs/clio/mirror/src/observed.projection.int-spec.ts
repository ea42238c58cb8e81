import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { RecordedEvent } from '@sf/contracts';
import type { EventStoreTables } from '@sf/event-store';
import type { ProjectionsTables } from '@sf/projections';
import { createTestDatabase, projectionSpec, type TestDatabase } from '@sf/testing';
import { clioMirrorProjection } from './mirror.projection';
import { contestedIds, contestedKey } from './observed-store';
import type { ClioMirrorTables } from './schema/clio-mirror.tables';

// Webhook observations against what a listing wrote, where Clio's one-second `updated_at` cannot order two versions.

type DB = EventStoreTables & ProjectionsTables & ClioMirrorTables;
const FIRM = 'firm-o';
let seq = 0;
const recorded = (type: string, data: Record<string, unknown>): RecordedEvent => {
  seq += 1;
  return {
    eventId: randomUUID(),
    type,
    version: 1,
    data,
    metadata: { firmId: FIRM, correlationId: 'c', causationId: null, occurredAt: '2026-03-01T00:00:00.000Z' },
    streamId: 'webhook-inbox-firm-o',
    streamPosition: seq,
    globalPosition: String(seq),
    transactionId: String(3000 + seq),
  };
};
const SECOND = '2026-01-02T10:00:05+00:00';
const task = (etag: string, updatedAt = SECOND): Record<string, unknown> => ({
  id: 11,
  etag,
  name: `task ${etag}`,
  created_at: '2026-01-01T00:00:00+00:00',
  updated_at: updatedAt,
});
const listed = (records: Record<string, unknown>[]) =>
  recorded('ClioRecordsFetched', { jobId: 'j1', entityType: 'tasks', records });
const observed = (source: 'webhook_payload' | 'webhook_fetch', records: Record<string, unknown>[]) =>
  recorded('ClioRecordsObserved', {
    entityType: 'tasks',
    source,
    records,
    deletedIds: [],
    deliveryIds: [randomUUID()],
  });

const etags = async (trx: Transaction<DB>) =>
  (await trx.selectFrom('clio_tasks').select('etag').where('firm_id', '=', FIRM).execute()).map((r) => r.etag);

describe('webhook observations over listed rows (real Postgres)', () => {
  let t: TestDatabase<DB>;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it('a late delivery of an older version in the same second never takes the row back', async () => {
    // Clio changed the task twice within one second ("a" then "b"); a listing read "b"; the delivery of "a" lands late.
    await projectionSpec(t.db, clioMirrorProjection)
      .given([listed([task('b')])])
      .when([observed('webhook_payload', [task('a')])])
      .then(etags, ['b']);
  });

  it('a newer second from a delivery is written; an older one is not', async () => {
    const spec = projectionSpec(t.db, clioMirrorProjection).given([listed([task('b')])]);
    await spec.when([observed('webhook_payload', [task('c', '2026-01-02T10:00:06+00:00')])]).then(etags, ['c']);
    await spec.when([observed('webhook_payload', [task('z', '2026-01-02T10:00:04+00:00')])]).then(etags, ['b']);
  });

  it('a record fetched from Clio after the delivery wins in the same second: it is the current version', async () => {
    await projectionSpec(t.db, clioMirrorProjection)
      .given([listed([task('a')])])
      .when([observed('webhook_payload', [task('b')]), observed('webhook_fetch', [task('b')])])
      .then(etags, ['b']);
  });

  it('names the delivered records the mirror holds in another version of the same second', async () => {
    const ids = async (trx: Transaction<DB>) =>
      [
        ...(await contestedIds(trx, 'tasks', [
          { firmId: FIRM, record: task('a') }, // contested: same second, another etag
          { firmId: 'another-firm', record: task('a') }, // no row of that firm
          { firmId: FIRM, record: { ...task('b'), id: 12 } }, // no row
          { firmId: FIRM, record: { ...task('c', '2026-01-02T10:00:06.000Z'), id: 13 } }, // a newer second
          { firmId: FIRM, record: { ...task('d'), id: 14 } }, // the same version
          { firmId: FIRM, record: { id: 15, etag: 'x' } }, // no updated_at: the mirror drops it anyway
        ])),
      ].sort();
    await projectionSpec(t.db, clioMirrorProjection)
      .given([listed([task('b'), { ...task('c'), id: 13 }, { ...task('d'), id: 14 }])])
      .then(ids, [contestedKey(FIRM, '11')]);
  });
});
