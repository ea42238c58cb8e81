import { sql } from 'kysely';
import type { ClioClient } from '@sf/clio-client';
import { CLIO_FIELDS, clioMirrorProjection } from '@sf/clio-mirror';
import { EventTypes, streamIds, StreamTypes } from '@sf/contracts';
import { appendToStream, LogPosition, readAllAfter } from '@sf/event-store';
import { catchUp } from '@sf/projections';
import { createTestDatabase, waitFor, type TestDatabase } from '@sf/testing';
import type { WebhooksDb } from '../schema/webhooks-schema';
import { webhookDelivery } from '../testing/webhook-delivery';
import { applyOnce, type ApplierDeps } from './webhook-applier';

// Two applier replicas take turns over the inbox (one checkpoint). A new task and its folder link often share their
// creation second and land in two passes, each replica's: the second must know the first one's version, which the
// mirror may not show yet, or its payload would be refused by the mirror as an unordered tie.

const FIRM = 'firm-rs';
const AT = '2026-12-01T09:00:07+00:00';
const task = (etag: string): Record<string, unknown> => ({
  ...Object.fromEntries(CLIO_FIELDS.tasks.map((f) => [f.replace(/\{.*$/, ''), null])),
  id: 501,
  etag,
  name: `task ${etag}`,
  created_at: AT,
  updated_at: AT,
});

describe('webhook appliers on two replicas: a same-second version appended by the other one', () => {
  let t: TestDatabase<WebhooksDb>;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  const replica = (): ApplierDeps => ({
    db: t.db,
    clientFor: (): ClioClient => {
      throw new Error('no Clio call expected: the replicas know each other’s versions');
    },
    requestSync: async () => null,
    clock: () => new Date(),
    batchSize: 100,
  });
  const deliver = async (event: 'created' | 'updated', record: Record<string, unknown>) => {
    const e = webhookDelivery(FIRM, record, { event });
    const r = await appendToStream(t.db, streamIds.webhookInbox(FIRM), StreamTypes.webhookInbox, 'any', [e]);
    if (!r.ok) throw new Error(r.reason);
  };

  // A pass that applies the delivery (the log shows a delivery once older transactions on the server have ended).
  const applies = (deps: ApplierDeps) =>
    waitFor(
      () => applyOnce(deps),
      (p) => p.applied > 0,
    );

  it('supersedes the created version the other replica appended, with no Clio call; the mirror takes the newer', async () => {
    await deliver('created', task('"c"'));
    expect(await applies(replica())).toMatchObject({ applied: 1, apiCalls: 0 });

    // No projection has run: the mirror does not hold the created version yet.
    await deliver('updated', task('"u"'));
    expect(await applies(replica())).toMatchObject({ applied: 1, apiCalls: 0, fetchedByCause: {} });

    // Read once the log shows both (its xmin rule: a parallel test's open transaction may hide the last a moment).
    const observed = await waitFor(
      async () =>
        (await readAllAfter(t.db, LogPosition.start, 100)).filter((e) => e.type === EventTypes.ClioRecordsObserved),
      (es) => es.length === 2,
    );
    expect(observed.map((e) => (e.data as { supersedes?: unknown }).supersedes)).toEqual([
      undefined,
      [{ id: '501', etag: '"c"' }],
    ]);
    await catchUp(t.db, clioMirrorProjection, { until: LogPosition.of(observed.at(-1)!) });
    const rows = await sql<{
      etag: string;
    }>`select etag from clio_tasks where firm_id = ${FIRM} and id = '501'`.execute(t.db);
    expect(rows.rows).toEqual([{ etag: '"u"' }]);
  });
});
