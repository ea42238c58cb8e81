import fc from 'fast-check';
import type { EventContext } from '../events/position';
import type { SyncJobEvent, SyncJobEventType } from '../events/sync-job-events';
import { foldMatterSyncBatch, type MatterSyncInput } from './matter-sync-fold';
import type { MatterSyncRow } from './matter-sync-row';

let pos = 0n;
const at = (event: SyncJobEvent, occurredAt = '2026-11-23T10:00:00.000Z', firmId = 'firm-1'): MatterSyncInput => {
  pos += 1n;
  const ctx: EventContext = { firmId, occurredAt, position: { txId: 100n + pos / 3n, position: pos } };
  return { event, ctx };
};
const matter = (matterId: string) => ({ kind: 'matter' as const, matterId });
const ev = (type: SyncJobEventType, data: Record<string, unknown>): SyncJobEvent =>
  ({ type, data }) as unknown as SyncJobEvent;

/** Folds batches one after another, feeding each batch the rows the previous ones left behind (as the db would). */
const foldAll = (batches: MatterSyncInput[][]): MatterSyncRow[] => {
  const db = new Map<string, MatterSyncRow>();
  for (const batch of batches) {
    for (const r of foldMatterSyncBatch([...db.values()], batch)) db.set(`${r.firmId}/${r.matterId}`, r);
  }
  return [...db.values()].sort((a, b) => (a.matterId < b.matterId ? -1 : 1));
};

describe('foldMatterSyncBatch: routing and batches', () => {
  it('routes job-only events to the matter whose active job they belong to', () => {
    const rows = foldAll([
      [
        at(ev('SyncRequested', { jobId: 'j1', scope: matter('m1') })),
        at(ev('SyncRequested', { jobId: 'j2', scope: matter('m2') })),
        at(ev('SyncProgressed', { jobId: 'j2', entityType: 'documents', fetched: 7, total: null })),
      ],
    ]);
    expect(rows.map((r) => [r.matterId, r.activeJobId, r.progressCurrent])).toEqual([
      ['m1', 'j1', 0],
      ['m2', 'j2', 7],
    ]);
  });

  it('never creates rows for firm-scoped jobs, even when they report progress', () => {
    const rows = foldAll([
      [
        at(ev('SyncRequested', { jobId: 'jf', scope: { kind: 'firm' } })),
        at(ev('SyncJobStarted', { jobId: 'jf', scope: { kind: 'firm' }, entityTypes: ['matters'], estimatedTotal: 5 })),
        at(ev('SyncProgressed', { jobId: 'jf', entityType: 'matters', fetched: 5, total: 5 })),
        at(ev('SyncJobCompleted', { jobId: 'jf', scope: { kind: 'firm' }, counts: { matters: 5 } })),
      ],
    ]);
    expect(rows).toEqual([]);
  });

  it('keeps firms apart: the same job id in another firm does not reach the row', () => {
    const rows = foldAll([
      [
        at(ev('SyncRequested', { jobId: 'j1', scope: matter('m1') }), undefined, 'firm-1'),
        at(ev('SyncJobFailed', { jobId: 'j1', scope: matter('m1'), code: 'x', reason: 'boom' }), undefined, 'firm-2'),
      ],
    ]);
    expect(rows.map((r) => r.state)).toEqual(['syncing']);
  });

  it('finds the job again in a later batch through the stored active job', () => {
    const rows = foldAll([
      [at(ev('SyncRequested', { jobId: 'j1', scope: matter('m1') }))],
      [at(ev('SyncJobCompleted', { jobId: 'j1', scope: matter('m1'), counts: {} }), '2026-11-23T10:05:00.000Z')],
    ]);
    expect(rows[0]).toMatchObject({ state: 'idle', activeJobId: null, lastSyncedAt: '2026-11-23T10:05:00.000Z' });
  });
});

// A random but well-formed history: per matter, jobs run one after another through random lifecycles.
const lifecycle = fc.constantFrom<SyncJobEventType[]>(
  ['SyncRequested', 'SyncJobStarted', 'SyncProgressed', 'SyncProgressed', 'SyncJobCompleted'],
  ['SyncRequested', 'SyncJobStarted', 'SyncJobBlocked', 'SyncJobResumed', 'SyncProgressed', 'SyncJobFailed'],
  ['SyncRequested', 'SyncJobStarted', 'SyncJobPaused', 'SyncJobResumed', 'SyncJobCompleted'],
  ['SyncRequested', 'SyncJobBlocked', 'SyncJobCancelled'],
  ['SyncRequested', 'SyncJobStarted', 'SyncProgressed'],
);

const eventOf = (type: SyncJobEventType, jobId: string, matterId: string, n: number): SyncJobEvent => {
  const scope = matter(matterId);
  switch (type) {
    case 'SyncRequested':
      return ev(type, { jobId, scope });
    case 'SyncJobStarted':
      return ev(type, { jobId, scope, entityTypes: ['documents'], estimatedTotal: 10 });
    case 'SyncProgressed':
      return ev(type, { jobId, entityType: 'documents', fetched: n, total: n % 2 ? null : 20 });
    case 'SyncJobBlocked':
      return ev(type, { jobId, reason: 'rate limit', blockedUntil: '2026-11-23T11:00:00Z' });
    case 'SyncJobPaused':
      return ev(type, { jobId, reason: 'user' });
    case 'SyncJobResumed':
      return ev(type, { jobId });
    case 'SyncJobCompleted':
      return ev(type, { jobId, scope, counts: { documents: n } });
    case 'SyncJobFailed':
      return ev(type, { jobId, scope, code: 'CLIO_DOWN', reason: 'Clio did not answer' });
    case 'SyncJobCancelled':
      return ev(type, { jobId, scope, reason: 'user' });
  }
};

const history = fc
  .array(fc.tuple(fc.constantFrom('m1', 'm2', 'm3'), lifecycle), { minLength: 1, maxLength: 12 })
  .map((jobs) => {
    pos = 0n;
    const inputs: MatterSyncInput[] = [];
    jobs.forEach(([m, steps], j) =>
      steps.forEach((type, s) =>
        inputs.push(at(eventOf(type, `job-${j}`, m, s + 1), new Date(Date.UTC(2026, 10, 23, 10, j, s)).toISOString())),
      ),
    );
    return inputs;
  });

describe('foldMatterSyncBatch: properties', () => {
  it('gives the same rows whatever the batch boundaries', () => {
    fc.assert(
      fc.property(history, fc.array(fc.nat(), { maxLength: 5 }), (inputs, cuts) => {
        const points = [...new Set(cuts.map((c) => c % (inputs.length + 1)))].sort((a, b) => a - b);
        const batches = [0, ...points].map((from, i) => inputs.slice(from, [...points, inputs.length][i]));
        expect(foldAll(batches)).toEqual(foldAll([inputs]));
      }),
    );
  });

  it('ignores a replay of events it already applied (no double counting)', () => {
    fc.assert(
      fc.property(history, fc.nat(), (inputs, cut) => {
        const prefix = inputs.slice(0, cut % (inputs.length + 1));
        expect(foldAll([inputs, prefix, inputs])).toEqual(foldAll([inputs]));
      }),
    );
  });
});
