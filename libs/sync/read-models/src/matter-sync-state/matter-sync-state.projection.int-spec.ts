import type { Transaction } from 'kysely';
import { createTestDatabase, projectionSpec, type TestDatabase } from '@sf/testing';
import { matterScope, newEvent, recordedSequence, steppingClock, syncJob } from '../test-support/history';
import { matterSyncStateProjection } from './matter-sync-state.projection';
import type { EventStoreTables } from '@sf/event-store';
import type { ProjectionsTables } from '@sf/projections';
import type { SyncReadModelTables } from '../projections';

describe('matter_sync_state projection (given/when/then, real Postgres)', () => {
  let t: TestDatabase<EventStoreTables & ProjectionsTables & SyncReadModelTables>;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  const stateOf =
    (firmId: string) => async (trx: Transaction<EventStoreTables & ProjectionsTables & SyncReadModelTables>) =>
      trx
        .selectFrom('matter_sync_state')
        .select(['matter_id', 'state', 'active_job_id', 'progress_current', 'progress_total', 'last_error'])
        .where('firm_id', '=', firmId)
        .orderBy('matter_id')
        .execute();

  it('folds a job across batch boundaries and ignores a replay of the same events', async () => {
    const clock = steppingClock();
    const history = recordedSequence([
      syncJob('f1', 'j1', clock, matterScope('m1'), [
        ['SyncRequested', { trigger: 'manual' }],
        ['SyncJobStarted', { entityTypes: ['documents', 'contacts'], estimatedTotal: 30 }],
        ['SyncProgressed', { entityType: 'documents', fetched: 5, total: 20 }],
        ['SyncProgressed', { entityType: 'contacts', fetched: 2, total: null }],
        ['SyncProgressed', { entityType: 'documents', fetched: 9, total: 20 }],
      ]),
    ]);
    await projectionSpec(t.db, matterSyncStateProjection)
      .given(history.slice(0, 2))
      .when(history.slice(2))
      .then(
        stateOf('f1'),
        [
          {
            matter_id: 'm1',
            state: 'syncing',
            active_job_id: 'j1',
            progress_current: 11,
            progress_total: 30,
            last_error: null,
          },
        ],
        { times: 3, batchSize: 2 },
      );
  });

  it('skips events of other types and payloads without the documented shape', async () => {
    const clock = steppingClock();
    const [requested] = recordedSequence([
      syncJob('f2', 'j2', clock, matterScope('m9'), [['SyncRequested', { trigger: 'manual' }]]),
    ]);
    const noise = [
      { ...requested!, ...newEvent('ClioConnected', { firmId: 'f2' }, 'f2', clock()), globalPosition: '2' },
      {
        ...requested!,
        ...newEvent('SyncJobFailed', { jobId: 'j2', scope: matterScope('m9'), code: 7 }, 'f2', clock()),
        globalPosition: '3',
      },
    ];
    await projectionSpec(t.db, matterSyncStateProjection)
      .given([requested!, ...noise])
      .then(stateOf('f2'), [
        {
          matter_id: 'm9',
          state: 'syncing',
          active_job_id: 'j2',
          progress_current: 0,
          progress_total: null,
          last_error: null,
        },
      ]);
  });

  it('stores user-facing errors exactly, whatever characters they hold', async () => {
    const reason = 'Clio said "no" {again}, with a \\ backslash, NULL and a comma';
    const events = recordedSequence([
      syncJob('f3', 'j3', steppingClock(), matterScope('m"3'), [
        ['SyncRequested', { trigger: 'manual' }],
        ['SyncJobFailed', { code: 'X', reason }],
      ]),
    ]);
    await projectionSpec(t.db, matterSyncStateProjection)
      .given(events)
      .then(stateOf('f3'), [
        {
          matter_id: 'm"3',
          state: 'error',
          active_job_id: null,
          progress_current: 0,
          progress_total: null,
          last_error: reason,
        },
      ]);
  });
});
