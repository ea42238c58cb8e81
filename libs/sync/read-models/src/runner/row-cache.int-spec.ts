import { sql } from 'kysely';
import { createTestDatabase, waitFor, type TestDatabase } from '@sf/testing';
import { createMatterSyncStateProjection } from '../matter-sync-state/matter-sync-state.projection';
import { appendInterleaved, matterScope, steppingClock, syncJob, tailOf } from '../test-support/history';
import { mixedHistory } from '../test-support/mixed-history';
import { catchUp, isCaughtUp, rebuildProjection, runProjectionBatch, type Projection } from '@sf/projections';
import type { EventStoreTables } from '@sf/event-store';
import type { ProjectionsTables } from '@sf/projections';
import type { SyncReadModelTables } from '../projections';
import type { ReadModelTables } from '../schema/read-models.tables';

// The row cache must never make a projection diverge from what a rebuild produces.
const rows = async (t: TestDatabase<EventStoreTables & ProjectionsTables & SyncReadModelTables>) =>
  (await sql<Record<string, unknown>>`select * from matter_sync_state order by firm_id, matter_id`.execute(t.db)).rows;

describe('projection row cache (real Postgres)', () => {
  let t: TestDatabase<EventStoreTables & ProjectionsTables & SyncReadModelTables>;
  beforeEach(async () => {
    t = await createTestDatabase();
  });
  afterEach(() => t.drop());

  it('stays correct when replicas with their own caches take turns on the same rows', async () => {
    const until = tailOf(await appendInterleaved(t.db, mixedHistory('c1')));
    const replicas = [createMatterSyncStateProjection(), createMatterSyncStateProjection()];
    // Alternate strictly: one batch of two events each turn, until the whole history is applied.
    for (let turn = 0; !(await isCaughtUp(t.db, replicas[0]!, until)); turn++) {
      await waitFor(
        () => runProjectionBatch(t.db, replicas[turn % 2]!, 2),
        (o) => o.kind === 'applied',
      );
    }
    const live = await rows(t);
    await rebuildProjection(t.db, createMatterSyncStateProjection(), { until });
    expect(await rows(t)).toEqual(live);
    expect(live).toHaveLength(4);
  });

  it('forgets rows of a batch that rolled back after it was applied', async () => {
    const clock = steppingClock();
    const first = await appendInterleaved(t.db, [
      syncJob('f1', 'j1', clock, matterScope('m1'), [['SyncRequested', { trigger: 'manual' }]]),
    ]);
    const projection = createMatterSyncStateProjection();
    await catchUp(t.db, projection, { until: tailOf(first) });
    const second = await appendInterleaved(t.db, [
      syncJob('f1', 'j2', clock, matterScope('m2'), [['SyncRequested', { trigger: 'manual' }]]),
    ]);
    const failing: Projection<ReadModelTables> = {
      ...projection,
      apply: async (trx, events, ctx) => {
        await projection.apply(trx, events, ctx);
        throw new Error('commit never happens');
      },
    };
    // The event becomes readable once older transactions elsewhere on the server end: retry until the batch fails.
    const failure = await waitFor(
      () =>
        runProjectionBatch(t.db, failing, 10).then(
          () => null,
          (err: unknown) => err,
        ),
      (e) => e !== null,
    );
    expect(String(failure)).toContain('commit never happens');
    await catchUp(t.db, projection, { until: tailOf(second) });
    expect((await rows(t)).map((r) => r['matter_id'])).toEqual(['m1', 'm2']);
  });
});
