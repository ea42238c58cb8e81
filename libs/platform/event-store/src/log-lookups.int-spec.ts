import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { createTestDatabase, uniqueName, type TestDatabase } from '@sf/testing';
import type { NewEvent } from '@sf/contracts';
import { appendToStream } from './append-to-stream';
import { newEvent } from './event-fixtures';
import { jobOfTrace, positionBefore } from './log-lookups';
import { LogPosition } from './log-position';
import type { EventStoreTables } from './schema/event-store.tables';

const traced = (type: string, jobId: string, traceId: string): NewEvent => {
  const e = newEvent(type, { jobId });
  return { ...e, metadata: { ...e.metadata, trace: { traceparent: `00-${traceId}-${'1'.repeat(16)}-01` } } };
};
const newTraceId = (): string => randomBytes(16).toString('hex');

describe('log lookups (real Postgres)', () => {
  let t: TestDatabase<EventStoreTables>;
  beforeAll(async () => {
    t = await createTestDatabase({ max: 4 });
  });
  afterAll(() => t.drop());

  const append = async (...events: NewEvent[]): Promise<void> => {
    const r = await appendToStream(t.db, uniqueName('stream'), 'Thing', 'no_stream', events);
    if (!r.ok) throw new Error('append failed');
  };

  it('finds the sync or processing job a trace opened, and nothing for another trace or a non-trace id', async () => {
    const [syncTrace, processingTrace, pageTrace] = [newTraceId(), newTraceId(), newTraceId()];
    await append(traced('SyncRequested', 'job-s', syncTrace), traced('SyncProgressed', 'job-s', syncTrace));
    await append(traced('ProcessingJobRequested', 'job-p', processingTrace));
    // A trace seen only on events that do not open a job names no job (the index holds opening events only).
    await append(traced('SyncProgressed', 'job-x', pageTrace));
    expect(await jobOfTrace(t.db, syncTrace)).toEqual({ kind: 'sync', jobId: 'job-s' });
    expect(await jobOfTrace(t.db, processingTrace)).toEqual({ kind: 'processing', jobId: 'job-p' });
    expect(await jobOfTrace(t.db, pageTrace)).toBeNull();
    expect(await jobOfTrace(t.db, newTraceId())).toBeNull();
    expect(await jobOfTrace(t.db, 'job-s')).toBeNull();
  });

  it('answers from the partial index, not a scan of the log', async () => {
    const traceId = newTraceId();
    const plan = await t.db.transaction().execute(async (trx) => {
      // A test database is small enough that the planner would scan anyway: forbid it, so only the index can serve.
      await sql`set local enable_seqscan = off`.execute(trx);
      const { rows } = await sql<{ 'QUERY PLAN': string }>`
        explain select event_type, data->>'jobId' from es_events
        where event_type in ('SyncRequested', 'ProcessingJobRequested')
          and substr(metadata->'trace'->>'traceparent', 4, 32) = ${traceId}`.execute(trx);
      return rows.map((r) => r['QUERY PLAN']).join('\n');
    });
    expect(plan).toContain('es_events_job_request_trace');
  });

  it('gives the position just before the first event at or after a time', async () => {
    const before = await positionBefore(t.db, new Date(0));
    expect(before).toEqual(LogPosition.start);
    await append(newEvent());
    const end = await positionBefore(t.db, new Date(Date.now() + 60_000));
    expect(LogPosition.compare(end, LogPosition.start)).toBeGreaterThan(0);
  });
});
