import { estimateJob, progressOf, rateLimitedEtaMs } from './job-estimate';
import { NOW, SECOND, budget } from './spec-fixtures';

const now = NOW.getTime();

describe('rateLimitedEtaMs', () => {
  it.each([
    // [name, requests, budget, spendsReserve, expected ms]
    ['unknown budget: the default 50/min, less the 10-request reserve for a backfill', 40, null, false, 60_000],
    ['unknown budget, interactive: all 50/min', 25, null, true, 30_000],
    [
      'fits what the window still allows: at pace, but no later than the reset',
      10,
      budget({ remaining: 40 }),
      true,
      12_000,
    ],
    [
      'fits, and the window resets before the pace would finish',
      30,
      budget({ remaining: 40, resetAt: now + 5 * SECOND }),
      true,
      5_000,
    ],
    ['window spent: wait for the reset, then the sustained pace', 50, budget({ remaining: 0 }), true, 30_000 + 60_000],
    ['backfill cannot spend the reserve of the current window', 20, budget({ remaining: 10 }), false, 30_000 + 30_000],
    [
      'a budget whose window has reset counts as unknown-window',
      40,
      budget({ remaining: 0, resetAt: now - 1 }),
      false,
      60_000,
    ],
    [
      'a larger limit shortens the pace',
      100,
      { limit: 100, remaining: 0, resetAt: now + 10 * SECOND },
      true,
      10_000 + 60_000,
    ],
  ] as const)('%s', (_name, requests, b, spendsReserve, expected) => {
    expect(rateLimitedEtaMs(requests, b, spendsReserve, now)).toBe(expected);
  });
});

describe('estimateJob', () => {
  it('counts requests per entity type as ceil(remaining / 200), totals from progress then estimates', () => {
    const view = {
      entityTypes: ['matters', 'documents', 'folders'],
      progress: { matters: { fetched: 200, total: 450 }, documents: { fetched: 0, total: null } },
      estimates: { documents: 1001, folders: 0 },
    };
    const e = estimateJob(view, null, true, now);
    expect(e.entities).toEqual({
      matters: { fetched: 200, total: 450, remaining: 250, requests: 2 },
      documents: { fetched: 0, total: 1001, remaining: 1001, requests: 6 },
      folders: { fetched: 0, total: 0, remaining: 0, requests: 0 },
    });
    expect(e.requestsNeeded).toBe(8);
    expect(e.etaMs).toBe(Math.round(8 * 1200));
    expect(e.complete).toBe(true);
  });

  it('marks the estimate incomplete when a total is unknown, and has no ETA when none is known', () => {
    const partial = estimateJob(
      { entityTypes: ['matters', 'contacts'], progress: { matters: { fetched: 10, total: 210 } }, estimates: null },
      null,
      true,
      now,
    );
    expect(partial).toMatchObject({
      requestsNeeded: 1,
      complete: false,
      entities: { contacts: { total: null, requests: null } },
    });
    expect(estimateJob({ entityTypes: ['contacts'], progress: {}, estimates: null }, null, true, now).etaMs).toBeNull();
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
