import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  compileFields,
  countsFor,
  generateFirm,
  ManualClock,
  RESOURCE_MODELS,
  SimStore,
  type Resource,
} from '@sf/clio-simulator';
import { CLIO_FIELDS } from '@sf/clio-mirror';
import { newEvent, stallReason, streamOf, type CurrentEventData, type EventType, type NewEvent } from '@sf/contracts';
import { appendToStream } from '@sf/event-store';
import type { PlatformDb } from '../../tools/migration-sets';

/** The entity types a firm-wide sync lists whose names are also the simulator's resources. */
const ENTITY_TYPES = [
  'users',
  'custom_fields',
  'matters',
  'contacts',
  'relationships',
  'calendar_entries',
  'tasks',
  'folders',
  'documents',
  'activities',
] as const satisfies readonly Resource[];

const PAGE = 200;

export interface LargeJob {
  firmId: string;
  jobId: string;
  traceId: string;
  jobEvents: number;
  scopeEvents: number;
  records: number;
  pages: number;
  recordBytes: number;
}

/**
 * Appends what a firm-wide sync of the simulator's large firm leaves in the log, as the fetcher writes it: each
 * page's records rendered by the simulator with the mirror's `fields` (`ClioRecordsFetched`) and its
 * `SyncProgressed` (cursor, api calls), a rate-limit block and resume every 150 pages, one stall with a restart, one
 * takeover; on the firm's scope stream the job's request and completion after `priorJobs` earlier jobs (a firm
 * synced every 15 minutes for a month has ~3,000).
 */
export const appendLargeFirmJob = async (
  db: Kysely<PlatformDb>,
  o: { seed: number; priorJobs: number; log: (line: string) => void },
): Promise<LargeJob> => {
  const firmId = `bench-story-${o.seed}`;
  const jobId = randomUUID();
  // The request's trace, stamped on the job's events as the fetcher does (`job story <traceId>` finds the job by it).
  const traceId = randomUUID().replace(/-/g, '');
  const trace = { traceparent: `00-${traceId}-${traceId.slice(0, 16)}-01` };
  const store = new SimStore(new ManualClock());
  generateFirm(store, { seed: o.seed, counts: countsFor('large') });
  o.log(`  generated the large firm (seed ${o.seed})`);
  let at = Date.parse('2026-12-01T00:00:00Z');
  const ev = <K extends EventType>(type: K, data: CurrentEventData[K], traced = true): NewEvent => {
    at += 1_000;
    const r = newEvent({
      eventId: randomUUID(),
      type,
      data,
      metadata: {
        firmId,
        correlationId: jobId,
        causationId: null,
        occurredAt: new Date(at).toISOString(),
        ...(traced ? { trace } : {}),
      },
    });
    if (!r.ok) throw new Error(`${type}: ${r.reason}`);
    return r.value;
  };
  const versions = new Map<string, number>();
  const append = async (events: NewEvent[]): Promise<void> => {
    const byStream = new Map<string, { type: string; events: NewEvent[] }>();
    for (const e of events) {
      const s = streamOf(e as Parameters<typeof streamOf>[0]);
      const g = byStream.get(s.streamId) ?? { type: s.streamType, events: [] };
      g.events.push(e);
      byStream.set(s.streamId, g);
    }
    for (const [stream, g] of byStream) {
      const v = versions.get(stream) ?? 0;
      const r = await appendToStream(db, stream, g.type, v === 0 ? 'no_stream' : v, g.events);
      if (!r.ok) throw new Error(`append to ${stream}: ${r.reason}`);
      versions.set(stream, v + g.events.length);
    }
  };

  // The firm's history on its scope stream: earlier jobs requested and completed.
  let scopeEvents = 0;
  for (let i = 0; i < o.priorJobs; i += 500) {
    const batch: NewEvent[] = [];
    for (let k = i; k < Math.min(o.priorJobs, i + 500); k++) {
      const prior = randomUUID();
      batch.push(
        ev('SyncRequested', { jobId: prior, scope: { kind: 'firm' }, trigger: 'schedule', requestedBy: null }, false),
        ev('SyncJobCompleted', { jobId: prior, scope: { kind: 'firm' }, counts: { matters: 3 } }, false),
      );
    }
    scopeEvents += batch.length;
    await append(batch);
  }

  const estimates = Object.fromEntries(ENTITY_TYPES.map((e) => [e, store.table(e).size]));
  await append([
    ev('SyncRequested', { jobId, scope: { kind: 'firm' }, trigger: 'manual', requestedBy: 'user-7' }),
    ev('SyncJobStarted', {
      jobId,
      scope: { kind: 'firm' },
      entityTypes: [...ENTITY_TYPES],
      estimatedTotal: Object.values(estimates).reduce((a, b) => a + b, 0),
      estimates,
    }),
  ]);
  scopeEvents += 1;
  let jobEvents = 1;
  let pages = 0;
  let records = 0;
  let recordBytes = 0;
  let pending: NewEvent[] = [];
  for (const entityType of ENTITY_TYPES) {
    const c = compileFields(RESOURCE_MODELS[entityType], CLIO_FIELDS[entityType].join(','));
    if (!c.ok) throw new Error(c.message);
    const all = [...store.table(entityType).byId.values()];
    for (let from = 0; from < all.length; from += PAGE) {
      // RESOURCE_MODELS is typed over every resource (`Model<never>`): a record of the table is what it renders.
      const page = all.slice(from, from + PAGE).map((r) => c.compiled.render(r as never, { store }));
      recordBytes += JSON.stringify(page).length;
      records += page.length;
      pages += 1;
      const last = from + PAGE >= all.length;
      pending.push(
        ev('ClioRecordsFetched', { jobId, entityType, records: page, mode: 'full' }),
        ev('SyncProgressed', {
          jobId,
          entityType,
          fetched: from + page.length,
          total: all.length,
          cursor: last ? null : `https://app.clio.com/api/v4/${entityType}.json?page_token=${randomUUID()}&limit=200`,
          mode: 'full',
          apiCalls: 1,
        }),
      );
      if (pages % 150 === 0)
        pending.push(
          ev('SyncJobBlocked', {
            jobId,
            reason: 'Clio rate limit reached',
            blockedUntil: new Date(at + 60_000).toISOString(),
          }),
          ev('SyncJobResumed', { jobId }),
        );
      if (pages === 400)
        pending.push(
          ev('SyncJobStalled', {
            jobId,
            lastProgressAt: new Date(at).toISOString(),
            stalledForMs: 300_000,
            reason: stallReason(300_000),
          }),
          ev('SyncJobResumed', { jobId }),
        );
      // Another worker took the job over: a resume after nothing that pauses.
      if (pages === 700) pending.push(ev('SyncJobResumed', { jobId }));
      // The fetcher appends a page at a time; 20 per statement keeps the bench's own time down.
      if (pending.length >= 40) {
        jobEvents += pending.length;
        await append(pending);
        pending = [];
      }
    }
    o.log(`  appended ${entityType}: ${all.length} records`);
  }
  jobEvents += pending.length;
  await append([...pending, ev('SyncJobCompleted', { jobId, scope: { kind: 'firm' }, counts: estimates })]);
  scopeEvents += 1;
  return { firmId, jobId, traceId, jobEvents, scopeEvents, records, pages, recordBytes };
};
