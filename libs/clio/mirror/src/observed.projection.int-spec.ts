import { randomUUID } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { RecordedEvent } from '@sf/contracts';
import type { EventStoreTables } from '@sf/event-store';
import type { ProjectionsTables } from '@sf/projections';
import { createTestDatabase, projectionSpec, type TestDatabase } from '@sf/testing';
import { clioMirrorProjection } from './mirror.projection';
import { contestedIds, contestedKey } from './observed-store';
import { refusedTies } from './mirror-ties';
import type { ClioMirrorTables } from './schema/clio-mirror.tables';

// Webhook observations against what a listing wrote, where Clio's one-second `updated_at` cannot order two versions.

type DB = EventStoreTables & ProjectionsTables & ClioMirrorTables;
const FIRM = 'firm-o';
let seq = 0;
const recorded = (type: string, data: Record<string, unknown>, version = 1): RecordedEvent => {
  seq += 1;
  return {
    eventId: randomUUID(),
    type,
    version,
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
const observed = (
  source: 'webhook_payload' | 'webhook_fetch',
  records: Record<string, unknown>[],
  supersedes?: Array<{ id: string; etag: string }>,
) =>
  recorded(
    'ClioRecordsObserved',
    {
      entityType: 'tasks',
      source,
      records,
      deletedIds: [],
      deliveryIds: [randomUUID()],
      ...(supersedes ? { supersedes } : {}),
    },
    supersedes ? 2 : 1,
  );

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

  it('a payload that supersedes the created version of its second replaces exactly that version', async () => {
    // A new task ("c", its created delivery) linked to its folder in the same second ("u"): the applier knows "u"
    // follows "c" and says so; the mirror writes it over "c" and over nothing else of that second. Each event is
    // built in log order (it takes the next position).
    const created = () => observed('webhook_payload', [task('c')]);
    const update = () => observed('webhook_payload', [task('u')], [{ id: '11', etag: 'c' }]);
    const spec = () => projectionSpec(t.db, clioMirrorProjection);
    await spec().given([created()]).when([update()]).then(etags, ['u']);
    await spec().given([]).when([created(), update()]).then(etags, ['u']);
    // No row yet (the created delivery was lost): written as any payload.
    await spec().given([]).when([update()]).then(etags, ['u']);
    // A late copy of "c" after it leaves "u".
    await spec().given([created(), update()]).when([created()]).then(etags, ['u']);
    // The row holds another version of that second (a listing read "v"): "u" cannot be ordered against it.
    await spec()
      .given([created(), listed([task('v')])])
      .when([update()])
      .then(etags, ['v']);
    // Superseding never takes a row to an older second.
    const newer = () => observed('webhook_payload', [task('n', '2026-01-02T10:00:06+00:00')]);
    await spec().given([created(), newer()]).when([update()]).then(etags, ['n']);
  });

  it('applies a run of observations as one group, in log order for a record observed twice', async () => {
    const other = (e: RecordedEvent): RecordedEvent => ({ ...e, metadata: { ...e.metadata, firmId: 'firm-p' } });
    // Built in log order (each event takes the next position).
    const deleted = () =>
      recorded('ClioRecordsObserved', {
        entityType: 'tasks',
        source: 'webhook_payload',
        records: [],
        deletedIds: ['12'],
        deliveryIds: [randomUUID()],
      });
    const rows = async (trx: Transaction<DB>) => ({
      tasks: (
        await trx
          .selectFrom('clio_tasks')
          .select(['firm_id', 'id', 'etag', 'is_soft_deleted'])
          .orderBy('firm_id')
          .orderBy('id')
          .execute()
      ).map((r) => [r.firm_id, r.id, r.etag, r.is_soft_deleted]),
      changes: (
        await trx
          .selectFrom('clio_record_changes')
          .select(['firm_id', 'record_id', 'change', 'etag'])
          .orderBy('tx_id')
          .orderBy('global_position')
          .execute()
      ).map((c) => [c.firm_id, c.record_id, c.change, c.etag]),
    });
    const given = projectionSpec(t.db, clioMirrorProjection).given([
      observed('webhook_payload', [task('n1', '2026-01-02T10:00:06+00:00')]),
      other(observed('webhook_payload', [{ ...task('p1'), id: 12 }])),
      observed('webhook_payload', [{ ...task('q1'), id: 12 }]),
      observed('webhook_payload', [task('n2', '2026-01-02T10:00:07+00:00')]), // 11 again: the next group
      other(deleted()), // 12 of firm-p again
    ]);
    const expected = {
      tasks: [
        [FIRM, '11', 'n2', false],
        [FIRM, '12', 'q1', false],
        ['firm-p', '12', 'p1', true],
      ],
      changes: [
        [FIRM, '11', 'created', 'n1'],
        ['firm-p', '12', 'created', 'p1'],
        [FIRM, '12', 'created', 'q1'],
        [FIRM, '11', 'updated', 'n2'],
        ['firm-p', '12', 'deleted', 'p1'],
      ],
    };
    // One batch (groups) and one event per batch (each alone) write the same rows and changes.
    await given.then(rows, expected);
    await given.then(rows, expected, { batchSize: 1 });
  });

  it('notes each payload it refused only for its second, for the applier to fetch; nothing else', async () => {
    const ties = async (trx: Transaction<DB>) =>
      (await refusedTies(trx, 10)).map((x) => [x.firmId, x.entityType, x.id]);
    const spec = () => projectionSpec(t.db, clioMirrorProjection);
    // The listing's copy "b" was projected before the payload "a" of its second arrived: refused, noted.
    await spec()
      .given([listed([task('b')])])
      .when([observed('webhook_payload', [task('a')])])
      .then(ties, [[FIRM, 'tasks', '11']]);
    // Not noted: a newer second (written), an older one (its second orders it), the row's own version, a payload
    // over exactly the version it supersedes, a record fetched from Clio (it wins the tie), no row at all.
    await spec()
      .given([listed([task('b')])])
      .when([
        observed('webhook_payload', [task('z', '2026-01-02T10:00:04+00:00')]),
        observed('webhook_payload', [task('b')]),
        observed('webhook_payload', [task('u')], [{ id: '11', etag: 'b' }]),
        observed('webhook_fetch', [task('f')]),
        observed('webhook_payload', [{ ...task('n'), id: 12 }]),
        observed('webhook_payload', [task('c', '2026-01-02T10:00:06+00:00')]),
      ])
      .then(ties, []);
    // A supersedes naming another etag than the row's is a tie like any other.
    await spec()
      .given([listed([task('v')])])
      .when([observed('webhook_payload', [task('u')], [{ id: '11', etag: 'c' }])])
      .then(ties, [[FIRM, 'tasks', '11']]);
  });

  it('forgets a tie once a later write moves the row past its second; a write within that second keeps it', async () => {
    const ties = async (trx: Transaction<DB>) =>
      (await refusedTies(trx, 10)).map((x) => [x.firmId, x.entityType, x.id, x.at.position > 0n]);
    const spec = () => projectionSpec(t.db, clioMirrorProjection);
    const tied = [listed([task('b')]), observed('webhook_payload', [task('a')])];
    // A newer version delivered: newer than both tied ones, nothing left to fetch.
    await spec()
      .given(tied)
      .when([observed('webhook_payload', [task('c', '2026-01-02T10:00:06+00:00')])])
      .then(ties, []);
    // Nothing newer settles it by itself: a write of the same second (Clio's read-back answer, which the applier's
    // own fetch of the tie clears in its transaction), the row's own version again, a newer listing (sync pages,
    // the hot path, do not look at ties: the applier's fetch costs one call).
    for (const same of [
      observed('webhook_fetch', [task('f')]),
      observed('webhook_payload', [task('b')]),
      listed([task('c', '2026-01-02T10:00:06+00:00')]),
    ])
      await spec()
        .given(tied)
        .when([same])
        .then(ties, [[FIRM, 'tasks', '11', true]]);
  });

  it('names the delivered records the mirror holds in another version of the same second, with its etag', async () => {
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
      .then(ids, [[contestedKey(FIRM, '11'), 'b']]);
  });
});
