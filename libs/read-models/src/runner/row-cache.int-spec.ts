import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '@sf/testing';
import { createMatterSyncStateProjection } from '../matter-sync-state/matter-sync-state.projection';
import type { Projection } from '../projection';
import { appendInterleaved, matterScope, mixedHistory, steppingClock, syncJob, tailOf } from '../test-support/history';
import { rebuildProjection } from './catch-up';
import { runProjectionBatch } from './run-batch';

// The row cache must never make a projection diverge from what a rebuild produces.
const rows = async (t: TestDatabase) =>
  (await sql<Record<string, unknown>>`select * from matter_sync_state order by firm_id, matter_id`.execute(t.db)).rows;

describe('projection row cache (real Postgres)', () => {
  let t: TestDatabase;
  beforeEach(async () => { t = await createTestDatabase(); });
  afterEach(() => t.drop());

  it('stays correct when replicas with their own caches take turns on the same rows', async () => {
    const until = tailOf(await appendInterleaved(t.db, mixedHistory('c1')));
    const replicas = [createMatterSyncStateProjection(), createMatterSyncStateProjection()];
    for (let turn = 0; ; turn++) {
      const outcome = await runProjectionBatch(t.db, replicas[turn % 2]!, 2);
      if (outcome.kind === 'idle') break;
    }
    const live = await rows(t);
    await rebuildProjection(t.db, createMatterSyncStateProjection(), { until });
    expect(await rows(t)).toEqual(live);
    expect(live).toHaveLength(4);
  });

  it('forgets rows of a batch that rolled back after it was applied', async () => {
    const clock = steppingClock();
    await appendInterleaved(t.db, [syncJob('f1', 'j1', clock, [['SyncRequested', { scope: matterScope('m1') }]])]);
    const projection = createMatterSyncStateProjection();
    expect((await runProjectionBatch(t.db, projection, 10)).kind).toBe('applied');
    await appendInterleaved(t.db, [syncJob('f1', 'j2', clock, [['SyncRequested', { scope: matterScope('m2') }]])]);
    const failing: Projection = {
      ...projection,
      apply: async (trx, events, ctx) => {
        await projection.apply(trx, events, ctx);
        throw new Error('commit never happens');
      },
    };
    await expect(runProjectionBatch(t.db, failing, 10)).rejects.toThrow('commit never happens');
    expect((await runProjectionBatch(t.db, projection, 10)).kind).toBe('applied');
    expect((await rows(t)).map((r) => r['matter_id'])).toEqual(['m1', 'm2']);
  });
});
