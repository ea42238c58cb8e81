import { DEFAULT_ESTIMATE_CONFIG, estimateJob, measuredEtaMs, progressOf, rateLimitedEtaMs } from './job-estimate';
import { NOW, SECOND, budget } from './spec-fixtures';

const now = NOW.getTime();

describe('rateLimitedEtaMs', () => {
  it.each([
    // [name, requests, budget, expected ms]
    ['unknown budget: the peak default of 50/min', 40, null, 48_000],
    ['fits what the window still allows: at pace, but no later than the reset', 10, budget({ remaining: 40 }), 12_000],
    [
      'fits, and the window resets before the pace would finish',
      30,
      budget({ remaining: 40, resetAt: now + 5 * SECOND }),
      5_000,
    ],
    ['window spent: wait for the reset, then the sustained pace', 50, budget({ remaining: 0 }), 30_000 + 60_000],
    // The reserve is released to a backfill late in each window when unused: the bound counts all of it.
    ['what the window still allows counts whole, reserve included', 20, budget({ remaining: 10 }), 30_000 + 12_000],
    [
      'a budget whose window has reset counts as unknown-window',
      40,
      budget({ remaining: 0, resetAt: now - 1 }),
      48_000,
    ],
    [
      'the observed limit sets the pace',
      100,
      { limit: 200, remaining: 0, resetAt: now + 10 * SECOND },
      10_000 + 30_000,
    ],
  ] as const)('%s', (_name, requests, b, expected) => {
    expect(rateLimitedEtaMs(requests, b, now, DEFAULT_ESTIMATE_CONFIG)).toBe(expected);
  });
});

describe('measuredEtaMs', () => {
  const progress = { matters: { fetched: 1_000, total: 3_000 } };
  it('is the remaining records at the rate the job has kept between its start and its last progress', () => {
    const view = { progress, startedAt: now - 5 * 60_000, lastProgressAt: now - 60_000 };
    // 1,000 records in 4 minutes: 2,000 more take 8 minutes.
    expect(measuredEtaMs(view, 2_000)).toBe(8 * 60_000);
  });
  it('is unknown before the job has run one rate window, fetched nothing, or started', () => {
    expect(measuredEtaMs({ progress, startedAt: now - 59_000, lastProgressAt: now }, 2_000)).toBeNull();
    expect(measuredEtaMs({ progress: {}, startedAt: now - 600_000, lastProgressAt: now }, 2_000)).toBeNull();
    expect(measuredEtaMs({ progress, startedAt: null, lastProgressAt: now }, 2_000)).toBeNull();
  });
});

describe('estimateJob', () => {
  it('counts requests per entity type as ceil(remaining / 200), totals from progress then estimates', () => {
    const view = {
      entityTypes: ['matters', 'documents', 'folders'],
      progress: { matters: { fetched: 200, total: 450 }, documents: { fetched: 0, total: null } },
      estimates: { documents: 1001, folders: 0 },
    };
    const e = estimateJob(view, null, now);
    expect(e.entities).toEqual({
      matters: { fetched: 200, total: 450, remaining: 250, requests: 2 },
      documents: { fetched: 0, total: 1001, remaining: 1001, requests: 6 },
      folders: { fetched: 0, total: 0, remaining: 0, requests: 0 },
    });
    expect(e.requestsNeeded).toBe(8);
    expect(e).toMatchObject({ etaMs: Math.round(8 * 1200), etaBasis: 'budget', complete: true });
  });

  it("takes the job's measured pace when it is slower than the budget allows, never a faster one", () => {
    const base = { entityTypes: ['contacts'], estimates: null, startedAt: now - 10 * 60_000, lastProgressAt: now };
    // 10,000 of 20,000 in 10 minutes (50 pages): the other 50 pages take 10 more minutes, the budget allows 1.
    const slow = estimateJob(
      { ...base, progress: { contacts: { fetched: 10_000, total: 20_000 } } },
      { limit: 200, remaining: 0, resetAt: now + 30 * SECOND },
      now,
    );
    expect(slow).toMatchObject({ requestsNeeded: 50, etaMs: 10 * 60_000, etaBasis: 'measured' });
    // 19,800 in 10 minutes: 200 more at that pace take 6 s, but the window is spent: the budget bound wins.
    const fast = estimateJob(
      { ...base, progress: { contacts: { fetched: 19_800, total: 20_000 } } },
      { limit: 200, remaining: 0, resetAt: now + 30 * SECOND },
      now,
    );
    expect(fast).toMatchObject({ requestsNeeded: 1, etaMs: 30_000 + 300, etaBasis: 'budget' });
  });

  it('marks the estimate incomplete when a total is unknown, and has no ETA when none is known', () => {
    const partial = estimateJob(
      { entityTypes: ['matters', 'contacts'], progress: { matters: { fetched: 10, total: 210 } }, estimates: null },
      null,
      now,
    );
    expect(partial).toMatchObject({
      requestsNeeded: 1,
      complete: false,
      etaBasis: 'budget',
      entities: { contacts: { total: null, requests: null } },
    });
    expect(estimateJob({ entityTypes: ['contacts'], progress: {}, estimates: null }, null, now)).toMatchObject({
      etaMs: null,
      etaBasis: null,
    });
  });
});

describe('estimateJob: a recent-first job lists its recent windows on top of the complete listings', () => {
  const view = (recent: { fetched: number; total: number | null; done: boolean }) => ({
    entityTypes: ['matters', 'documents'],
    progress: { matters: { fetched: 1_000, total: 1_000 }, documents: { fetched: 0, total: null, recent } },
    estimates: { matters: 1_000, documents: 10_000 },
  });

  it("counts the window's remaining pages on top of the complete listing's", () => {
    // 10,000 documents: 50 pages in full; 1,000 of them recent, 200 listed: 4 more window pages.
    const e = estimateJob(view({ fetched: 200, total: 1_000, done: false }), null, now);
    expect(e.entities['documents']).toEqual({
      fetched: 0,
      total: 10_000,
      remaining: 10_000,
      requests: 50,
      recentRequests: 4,
    });
    expect(e).toMatchObject({ requestsNeeded: 54, etaMs: 54 * 1200, etaBasis: 'budget', complete: true });
  });

  it('a finished window needs nothing more', () => {
    const e = estimateJob(view({ fetched: 1_000, total: 1_000, done: true }), null, now);
    expect(e).toMatchObject({ requestsNeeded: 50, complete: true });
    expect(e.entities['documents']?.recentRequests).toBe(0);
  });

  it('a window of unknown size leaves the estimate incomplete, never a guess; the complete listing still counts', () => {
    const e = estimateJob(view({ fetched: 0, total: null, done: false }), null, now);
    expect(e.entities['documents']?.recentRequests).toBeNull();
    expect(e).toMatchObject({ requestsNeeded: 50, etaMs: 50 * 1200, complete: false });
  });

  it("the window's records count towards the measured pace and the records still to fetch", () => {
    // 1,000 records in 10 minutes (all of them the window's): 10,000 + 0 still to fetch take 100 minutes.
    const e = estimateJob(
      {
        entityTypes: ['documents'],
        progress: { documents: { fetched: 0, total: null, recent: { fetched: 1_000, total: 1_000, done: true } } },
        estimates: { documents: 10_000 },
        startedAt: now - 10 * 60_000,
        lastProgressAt: now,
      },
      null,
      now,
    );
    expect(e).toMatchObject({ etaMs: 100 * 60_000, etaBasis: 'measured' });
  });
});

describe('progressOf', () => {
  it.each([
    [
      'sums fetched over the expected totals',
      { matters: { fetched: 100, total: 300 }, documents: { fetched: 50, total: 100 } },
      null,
      400,
      { current: 150, total: 400 },
    ],
    [
      'an unknown total counts what was fetched',
      { matters: { fetched: 100, total: null } },
      null,
      null,
      { current: 100, total: 100 },
    ],
    ['falls back to the started estimate', {}, null, 900, { current: 0, total: 900 }],
    ['uses per-type estimates before progress arrives', {}, { documents: 70 }, null, { current: 0, total: 70 }],
  ] as const)('%s', (_name, progress, estimates, estimatedTotal, expected) => {
    expect(progressOf({ entityTypes: null, progress, estimates, estimatedTotal })).toEqual(expected);
  });
});
