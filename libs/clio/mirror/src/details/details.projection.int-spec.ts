import { randomUUID } from 'node:crypto';
import { sql, type Transaction } from 'kysely';
import type { RecordedEvent } from '@sf/contracts';
import type { EventStoreTables } from '@sf/event-store';
import type { ProjectionsTables } from '@sf/projections';
import type { ClioMirrorTables } from '../schema/clio-mirror.tables';
import { createTestDatabase, projectionSpec, type TestDatabase } from '@sf/testing';
import { clioMirrorProjection } from '../mirror.projection';

const FIRM = 'firm-d';
let seq = 0;
const page = (entityType: string, records: Record<string, unknown>[]): RecordedEvent => {
  seq += 1;
  return {
    eventId: randomUUID(),
    type: 'ClioRecordsFetched',
    version: 1,
    data: { jobId: 'j', entityType, records },
    metadata: { firmId: FIRM, correlationId: 'c', causationId: null, occurredAt: '2026-03-01T00:00:00.000Z' },
    streamId: 'sync-job-j',
    streamPosition: seq,
    globalPosition: String(seq),
    transactionId: String(5000 + seq),
  };
};
const stamp = { created_at: '2026-01-01T00:00:00+00:00', updated_at: '2026-01-02T00:00:00+00:00' };
const cfv = (field: number, type: string, value: string) => ({
  id: `${type}-${field}`,
  field_type: type,
  value,
  custom_field: { id: field },
  ...stamp,
});
const matter = (etag: string, values: object[]) => ({ id: 1, etag, ...stamp, custom_field_values: values });
const doc = (etag: string, version: number) => ({
  id: 10,
  etag,
  ...stamp,
  deleted_at: null,
  matter: { id: 1 },
  parent: { id: 2 },
  latest_document_version: { id: version, version_number: version - 100, size: 5, ...stamp },
});

/** The mirror's tables and the runner's. */
type TestTables = EventStoreTables & ProjectionsTables & ClioMirrorTables;

const values = (trx: Transaction<TestTables>) =>
  sql<{ v: string }>`select concat_ws(' ', parent_type, parent_id, custom_field_id, value_text, value_number::text,
      value_date::text) as v from clio_custom_field_values order by 1`
    .execute(trx)
    .then((r) => r.rows.map((x) => x.v));
const versions = (trx: Transaction<TestTables>) =>
  trx.selectFrom('clio_document_versions').select(['document_id', 'id', 'is_latest']).orderBy('id').execute();

describe('clio-mirror projection: detail tables (real Postgres)', () => {
  let t: TestDatabase<TestTables>;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it("replaces a record's details with its latest observation; replays and batch boundaries change nothing", async () => {
    const events = [
      page('matters', [matter('a', [cfv(1, 'text_line', 'x'), cfv(2, 'numeric', '5')])]),
      page('matters', [matter('b', [cfv(1, 'text_line', 'y'), cfv(3, 'date', '2024-01-31')])]),
    ];
    for (const batchSize of [1, 2]) {
      await projectionSpec(t.db, clioMirrorProjection)
        .given(events)
        .then(values, ['Matter 1 1 y', 'Matter 1 3 2024-01-31'], { times: 3, batchSize });
    }
  });

  it('never lets an older observation overwrite the details of a newer one', async () => {
    const older = page('matters', [matter('old', [cfv(1, 'text_line', 'old')])]);
    const newer = page('matters', [matter('new', [cfv(1, 'text_line', 'new')])]);
    await projectionSpec(t.db, clioMirrorProjection)
      .given([newer])
      .when([older])
      .then(values, ['Matter 1 1 new'], { times: 1 });
  });

  it('keeps every version seen as latest, marking the current one', async () => {
    const events = [page('documents', [doc('a', 101)]), page('documents', [doc('b', 102)])];
    await projectionSpec(t.db, clioMirrorProjection)
      .given(events)
      .then(
        versions,
        [
          { document_id: '10', id: '101', is_latest: false },
          { document_id: '10', id: '102', is_latest: true },
        ],
        { times: 2, batchSize: 1 },
      );
  });
});
