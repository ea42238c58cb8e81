import { randomUUID } from 'node:crypto';
import {
  newEvent,
  readLoggedEvent,
  streamOf,
  type CurrentEventData,
  type EventType,
  type NewEvent,
} from '@sf/contracts';
import { appendToStream, readEventsById } from '@sf/event-store';
import { metricsText } from '@sf/metrics';
import { createTestDatabase, type TestDatabase } from '@sf/testing';
import type { OrchestratorDb } from '../schema/orchestrator-schema';
import { etaErrorOfJob, observeEtaError } from './eta-error-observer';

const FIRM = 'firm-eta';
const T0 = Date.parse('2026-12-03T10:00:00.000Z');
const MINUTE = 60_000;

const event = <K extends EventType>(type: K, data: CurrentEventData[K], minute: number): NewEvent => {
  const e = newEvent({
    eventId: randomUUID(),
    type,
    data,
    metadata: {
      firmId: FIRM,
      correlationId: 'c',
      causationId: null,
      occurredAt: new Date(T0 + minute * MINUTE).toISOString(),
    },
  });
  if (!e.ok) throw new Error(e.reason);
  return e.value;
};

describe('the ETA error of a completed job, from its events in the log', () => {
  let t: TestDatabase<OrchestratorDb>;
  beforeAll(async () => {
    t = await createTestDatabase<OrchestratorDb>();
  });
  afterAll(() => t?.drop());

  it('reads the scope and job streams, and records how far the ETA at 50% was off', async () => {
    const jobId = randomUUID();
    const scope = { kind: 'firm' as const };
    const page = (fetched: number, minute: number, apiCalls: number) =>
      event(
        'SyncProgressed',
        { jobId, entityType: 'matters', fetched, total: 1000, cursor: null, mode: 'full', apiCalls },
        minute,
      );
    // Log order: request, start, pages (one append each, as the fetcher does), completion.
    for (const e of [
      event('SyncRequested', { jobId, scope, trigger: 'first_login', requestedBy: null }, 0),
      event('SyncJobStarted', { jobId, scope, entityTypes: ['matters'], estimatedTotal: 1000 }, 1),
      page(400, 2, 1),
      page(600, 3, 2),
      page(1000, 13, 1),
      event('SyncJobCompleted', { jobId, scope, counts: { matters: 1000 } }, 14),
    ]) {
      const { streamId, streamType } = streamOf(e as Parameters<typeof streamOf>[0]);
      const r = await appendToStream(t.db, streamId, streamType, 'any', [e]);
      if (!r.ok) throw new Error(r.reason);
    }
    const [completed] = await t.db
      .selectFrom('es_events')
      .select('event_id')
      .where('event_type', '=', 'SyncJobCompleted')
      .execute();
    expect(completed).toBeDefined();
    const row = (await readEventsById(t.db, [completed!.event_id])).get(completed!.event_id.toLowerCase())!;
    const done = readLoggedEvent(row);
    if (done.type !== 'SyncJobCompleted') throw new Error('not a completion');
    // At 600 of 1000: 400 left = 2 pages, which the budget alone lets through in seconds; but the job has run two
    // minutes at 300 records a minute, and the ETA takes the slower of the two: 400 / 300 min = 80 s. It took 11 min.
    expect(await etaErrorOfJob(t.db, done)).toEqual({ predictedMs: 80_000, actualMs: 11 * MINUTE });
    await observeEtaError(t.db, done, undefined);
    expect((await metricsText()).body).toMatch(/^sf_sync_eta_error_seconds_count\{[^}]*direction="late"[^}]*\} 1$/m);
  });
});
