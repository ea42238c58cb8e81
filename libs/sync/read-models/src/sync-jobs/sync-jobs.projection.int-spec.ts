import { randomUUID } from 'node:crypto';
import {
  newEvent,
  streamIds,
  type CurrentEventData,
  type EventType,
  type NewEvent,
  type RecordedEvent,
} from '@sf/contracts';
import { appendToStream, LogPosition } from '@sf/event-store';
import { createTestDatabase, projectionSpec, type TestDatabase } from '@sf/testing';
import { catchUp, rebuildProjection } from '@sf/projections';
import { firmConnectionsProjection } from './firm-connections.projection';
import { syncJobsProjection } from './sync-jobs.projection';
import type { EventStoreTables } from '@sf/event-store';
import type { ProjectionsTables } from '@sf/projections';
import type { SyncReadModelTables } from '../projections';

const FIRM = 'firm-p';
const T0 = Date.parse('2026-03-01T09:00:00.000Z');
const at = (s: number): string => new Date(T0 + s * 1000).toISOString();

const ev = <K extends EventType>(type: K, data: CurrentEventData[K], second: number): NewEvent => {
  const built = newEvent({
    eventId: randomUUID(),
    type,
    data,
    metadata: { firmId: FIRM, correlationId: 'c', causationId: null, occurredAt: at(second) },
  });
  if (!built.ok) throw new Error(built.reason);
  return built.value;
};

const MATTER = { kind: 'matter' as const, matterId: 'm-7' };
const STALL = 'No progress for 30 min: restarted from its last checkpoint';
const FORBIDDEN = 'Clio does not let this connection read folders';
const scopeStream = streamIds.syncScope(FIRM, MATTER);

describe('sync_jobs and firm_connections projections (real Postgres)', () => {
  let t: TestDatabase<EventStoreTables & ProjectionsTables & SyncReadModelTables>;
  // The events as appended, in log order. (Not read back with readAllAfter: that only sees transactions older than
  // the oldest one open anywhere on the server, which other test files running meanwhile can hold back.)
  const history: RecordedEvent[] = [];
  const until = (): LogPosition => LogPosition.of(history[history.length - 1]!);

  const append = async (streamId: string, streamType: string, events: NewEvent[]): Promise<void> => {
    const r = await appendToStream(t.db, streamId, streamType, 'any', events);
    if (!r.ok) throw new Error(r.reason);
    history.push(...r.events);
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    await append(scopeStream, 'sync_scope', [
      ev('SyncRequested', { jobId: 'j1', scope: MATTER, trigger: 'manual', requestedBy: 'u1' }, 0),
    ]);
    const started = ev(
      'SyncJobStarted',
      { jobId: 'j1', scope: MATTER, entityTypes: ['folders', 'documents'], estimatedTotal: 650 },
      1,
    );
    (started.data as { estimates?: Record<string, number> }).estimates = { folders: 50, documents: 600 };
    await append(streamIds.syncJob('j1'), 'sync_job', [
      started,
      // Clio refused the folders (403): the job goes on with the documents.
      ev(
        'SyncEntityForbidden',
        { jobId: 'j1', entityType: 'folders', reason: FORBIDDEN, detail: 'HTTP 403 ForbiddenError' },
        2,
      ),
      ev(
        'SyncProgressed',
        { jobId: 'j1', entityType: 'documents', fetched: 200, total: 600, cursor: 'https://x/p2', mode: 'full' },
        3,
      ),
      ev('SyncJobBlocked', { jobId: 'j1', reason: 'Clio rate limit', blockedUntil: at(60) }, 4),
      ev('SyncJobResumed', { jobId: 'j1' }, 60),
      ev('SyncJobPaused', { jobId: 'j1', reason: 'Stopped by user' }, 61),
      ev('SyncJobResumed', { jobId: 'j1' }, 62),
      ev('SyncJobStalled', { jobId: 'j1', lastProgressAt: at(62), stalledForMs: 1_800_000, reason: STALL }, 1900),
      ev('SyncJobResumed', { jobId: 'j1' }, 1900),
    ]);
    await append(scopeStream, 'sync_scope', [
      ev(
        'SyncJobFailed',
        { jobId: 'j1', scope: MATTER, code: 'clio_unavailable', reason: 'Clio was unavailable' },
        2000,
      ),
      ev('SyncRequested', { jobId: 'j2', scope: MATTER, trigger: 'webhook', requestedBy: null }, 2100),
    ]);
    // A cancellation: the scope closes the job and, in the same transaction, a pause fences the job stream.
    await t.db.transaction().execute(async (trx) => {
      const a = await appendToStream(trx, scopeStream, 'sync_scope', 'any', [
        ev('SyncJobCancelled', { jobId: 'j2', scope: MATTER, reason: 'Cancelled by user' }, 2200),
      ]);
      const b = await appendToStream(trx, streamIds.syncJob('j2'), 'sync_job', 'no_stream', [
        ev('SyncJobPaused', { jobId: 'j2', reason: 'cancelled' }, 2200),
      ]);
      if (!a.ok || !b.ok) throw new Error('append failed');
      history.push(...a.events, ...b.events);
    });
    await append(streamIds.connection(FIRM), 'connection', [
      ev('ClioConnected', { connectionId: 'conn-1', region: 'eu', clioUserId: '9', connectedBy: 'u1' }, 0),
      ev('ConnectionNeedsReauth', { connectionId: 'conn-1', reason: 'refresh rejected' }, 10),
    ]);
    history.sort((x, y) => LogPosition.compare(LogPosition.of(x), LogPosition.of(y)));
  });
  afterAll(async () => t?.drop());

  const jobs = () => t.db.selectFrom('sync_jobs').selectAll().orderBy('job_id').execute();
  const connections = () => t.db.selectFrom('firm_connections').selectAll().execute();

  it('folds the whole job lifecycle into one row per job (and replaying it changes nothing)', async () => {
    const rows = await projectionSpec(t.db, syncJobsProjection)
      .given(history)
      .thenRows((trx) =>
        trx
          .selectFrom('sync_jobs')
          .select([
            'job_id',
            'state',
            'progress',
            'estimates',
            'error_code',
            'stalled',
            'stall_count',
            'stall_reason',
            'blocked_until',
            'last_progress_at',
            'completed_at',
            'control_reason',
            'matter_id',
          ])
          .orderBy('job_id')
          .execute(),
      );
    expect(rows).toEqual([
      {
        job_id: 'j1',
        state: 'failed',
        matter_id: 'm-7',
        error_code: 'clio_unavailable',
        stalled: true,
        stall_count: 1,
        stall_reason: STALL,
        progress: {
          folders: { fetched: 0, total: null, forbidden: FORBIDDEN },
          documents: { fetched: 200, total: 600 },
        },
        estimates: { folders: 50, documents: 600 },
        blocked_until: null,
        last_progress_at: new Date(at(1900)),
        completed_at: new Date(at(2000)),
        control_reason: 'Stopped by user',
      },
      {
        job_id: 'j2',
        state: 'cancelled',
        matter_id: 'm-7',
        error_code: null,
        stalled: false,
        stall_count: 0,
        stall_reason: null,
        progress: {},
        estimates: null,
        blocked_until: null,
        last_progress_at: new Date(at(2100)),
        completed_at: new Date(at(2200)),
        control_reason: 'Cancelled by user',
      },
    ]);
  });

  it('shows the intermediate states on the way (blocked with blocked_until, paused)', async () => {
    const upTo = (type: string, nth = 1): RecordedEvent[] => {
      let seen = 0;
      return history.slice(0, history.findIndex((e) => e.type === type && ++seen === nth) + 1);
    };
    const stateAfter = (events: RecordedEvent[]) =>
      projectionSpec(t.db, syncJobsProjection)
        .given(events)
        .thenRows((trx) =>
          trx
            .selectFrom('sync_jobs')
            .select(['state', 'blocked_until'])
            .where('job_id', '=', 'j1')
            .executeTakeFirstOrThrow(),
        );
    expect(await stateAfter(upTo('SyncJobBlocked'))).toEqual({ state: 'blocked', blocked_until: new Date(at(60)) });
    expect(await stateAfter(upTo('SyncJobPaused'))).toEqual({ state: 'paused', blocked_until: null });
    expect(await stateAfter(upTo('SyncJobResumed', 2))).toEqual({ state: 'running', blocked_until: null });
  });

  it('projects the connection status', async () => {
    await projectionSpec(t.db, firmConnectionsProjection)
      .given(history)
      .then(
        (trx) =>
          trx
            .selectFrom('firm_connections')
            .select(['firm_id', 'connection_id', 'status', 'region', 'changed_at'])
            .execute(),
        [
          {
            firm_id: FIRM,
            connection_id: 'conn-1',
            status: 'needs_reauth',
            region: 'eu',
            changed_at: new Date(at(10)),
          },
        ],
      );
  });

  it('a rebuild from position 0 equals the live read model built batch by batch', async () => {
    for (const p of [syncJobsProjection, firmConnectionsProjection])
      await catchUp(t.db, p, { batchSize: 3, until: until() });
    const live = { jobs: await jobs(), connections: await connections() };
    expect(live.jobs).toHaveLength(2);
    for (const p of [syncJobsProjection, firmConnectionsProjection])
      await rebuildProjection(t.db, p, { batchSize: 1000, until: until() });
    expect({ jobs: await jobs(), connections: await connections() }).toEqual(live);
  });
});
