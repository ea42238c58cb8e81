import type { EventContext } from '../events/position';
import type { SyncJobEvent, SyncJobEventType } from '../events/sync-job-events';
import { evolveMatterSync } from './matter-sync-evolve';
import type { MatterSyncRow } from './matter-sync-row';

const key = { firmId: 'firm-1', matterId: 'm-1' };
const matterScope = { kind: 'matter' as const, matterId: 'm-1' };

/** A sync-job event; terminal events carry the scope of this spec's matter, as the catalogue requires. */
const ev = (type: SyncJobEventType, data: Record<string, unknown>): SyncJobEvent => {
  const terminal = type === 'SyncJobCompleted' || type === 'SyncJobFailed' || type === 'SyncJobCancelled';
  return { type, data: terminal ? { scope: matterScope, ...data } : data } as unknown as SyncJobEvent;
};

/** Applies events in order from no row, each one minute and one log position after the previous. */
const given = (events: SyncJobEvent[], from: MatterSyncRow | null = null): MatterSyncRow | null => {
  let row = from;
  let n = from === null ? 0 : Number(from.lastPosition.position);
  for (const e of events) {
    n += 1;
    const ctx: EventContext = {
      firmId: 'firm-1',
      occurredAt: new Date(Date.UTC(2026, 10, 23, 9, n)).toISOString(),
      position: { txId: 5n, position: BigInt(n) },
    };
    row = evolveMatterSync(row, key, e, ctx);
  }
  return row;
};

const requested: SyncJobEvent = ev('SyncRequested', { jobId: 'j1', scope: matterScope });
const started: SyncJobEvent = ev('SyncJobStarted', {
  jobId: 'j1',
  scope: matterScope,
  entityTypes: ['documents', 'folders'],
  estimatedTotal: 100,
});

describe('evolveMatterSync: the matter sync state machine', () => {
  it('requested -> syncing, with the job active and progress at zero', () => {
    expect(given([requested])).toEqual({
      firmId: 'firm-1',
      matterId: 'm-1',
      state: 'syncing',
      activeJobId: 'j1',
      lastSyncedAt: null,
      lastError: null,
      lastErrorCode: null,
      progressCurrent: 0,
      progressTotal: null,
      blockedUntil: null,
      progress: { entityTypes: null, estimatedTotal: null, byType: {} },
      updatedAt: '2026-11-23T09:01:00.000Z',
      lastPosition: { txId: 5n, position: 1n },
    });
  });

  it('started sets the estimate; progress is cumulative per entity type, and totals replace the estimate once all are known', () => {
    const a = given([
      requested,
      started,
      ev('SyncProgressed', { jobId: 'j1', entityType: 'documents', fetched: 10, total: 60 }),
    ]);
    expect(a).toMatchObject({ progressCurrent: 10, progressTotal: 100 });
    const b = given(
      [
        ev('SyncProgressed', { jobId: 'j1', entityType: 'documents', fetched: 30, total: 60 }),
        ev('SyncProgressed', { jobId: 'j1', entityType: 'folders', fetched: 5, total: 8 }),
      ],
      a,
    );
    expect(b).toMatchObject({ state: 'syncing', progressCurrent: 35, progressTotal: 68 });
  });

  it('blocked -> blocked until the given instant; resumed -> syncing', () => {
    const blocked = given([
      requested,
      started,
      ev('SyncJobBlocked', { jobId: 'j1', reason: 'rate limit', blockedUntil: '2026-11-23T09:30:00Z' }),
    ]);
    expect(blocked).toMatchObject({ state: 'blocked', blockedUntil: '2026-11-23T09:30:00.000Z' });
    expect(given([ev('SyncJobResumed', { jobId: 'j1' })], blocked)).toMatchObject({
      state: 'syncing',
      blockedUntil: null,
    });
  });

  it('paused -> blocked with no instant to resume at; resumed -> syncing', () => {
    const paused = given([requested, started, ev('SyncJobPaused', { jobId: 'j1', reason: 'Stopped by user' })]);
    expect(paused).toMatchObject({ state: 'blocked', blockedUntil: null, activeJobId: 'j1' });
    expect(given([ev('SyncJobResumed', { jobId: 'j1' })], paused)).toMatchObject({ state: 'syncing' });
  });

  it('completed -> idle, last_synced_at is the event time and the job is no longer active', () => {
    const row = given([requested, started, ev('SyncJobCompleted', { jobId: 'j1', counts: { documents: 3 } })]);
    expect(row).toMatchObject({
      state: 'idle',
      activeJobId: null,
      lastSyncedAt: '2026-11-23T09:03:00.000Z',
      updatedAt: '2026-11-23T09:03:00.000Z',
    });
  });

  it('failed -> error with the reason; the error stays through the next attempt and clears when it completes', () => {
    const failed = given([
      requested,
      ev('SyncJobFailed', { jobId: 'j1', code: 'CLIO_UNAVAILABLE', reason: 'Clio is not answering' }),
    ]);
    expect(failed).toMatchObject({
      state: 'error',
      activeJobId: null,
      lastError: 'Clio is not answering',
      lastErrorCode: 'CLIO_UNAVAILABLE',
    });
    const retry = given([ev('SyncRequested', { jobId: 'j2', scope: matterScope })], failed);
    expect(retry).toMatchObject({ state: 'syncing', activeJobId: 'j2', lastError: 'Clio is not answering' });
    expect(given([ev('SyncJobCompleted', { jobId: 'j2', counts: {} })], retry)).toMatchObject({
      state: 'idle',
      lastError: null,
      lastErrorCode: null,
    });
  });

  it('cancelled -> idle, keeping the previous last_synced_at', () => {
    const synced = given([requested, ev('SyncJobCompleted', { jobId: 'j1', counts: {} })]);
    const cancelled = given(
      [
        ev('SyncRequested', { jobId: 'j2', scope: matterScope }),
        ev('SyncJobCancelled', { jobId: 'j2', reason: 'user' }),
      ],
      synced,
    );
    expect(cancelled).toMatchObject({ state: 'idle', activeJobId: null, lastSyncedAt: synced!.lastSyncedAt });
  });

  it('ignores events of a job that is not the active one', () => {
    const row = given([requested]);
    expect(given([ev('SyncJobFailed', { jobId: 'other', code: 'x', reason: 'y' })], row)).toBe(row);
  });

  it('ignores an event at or before the last applied position (replay)', () => {
    const row = given([requested, started])!;
    const replay: EventContext = {
      firmId: 'firm-1',
      occurredAt: '2026-11-23T12:00:00.000Z',
      position: row.lastPosition,
    };
    expect(evolveMatterSync(row, key, ev('SyncJobCompleted', { jobId: 'j1', counts: {} }), replay)).toBe(row);
  });

  it('creates no row for a firm-scoped request, nor for a job event without a row', () => {
    expect(given([ev('SyncRequested', { jobId: 'jf', scope: { kind: 'firm' } })])).toBeNull();
    expect(given([ev('SyncJobCompleted', { jobId: 'j1', counts: {} })])).toBeNull();
  });
});
