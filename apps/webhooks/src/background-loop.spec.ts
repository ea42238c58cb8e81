import { failureBackoffMs, MAX_FAILURE_BACKOFF_MS } from './background-loop';

describe('failureBackoffMs', () => {
  it('doubles the idle wait per failure in a row, up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((n) => failureBackoffMs(n, 100))).toEqual([
      100,
      200,
      400,
      800,
      1_600,
      3_200,
      MAX_FAILURE_BACKOFF_MS,
      MAX_FAILURE_BACKOFF_MS,
    ]);
  });

  it('stays at the cap however long the outage, and a slow loop (the registrar) keeps its own pace', () => {
    expect(failureBackoffMs(10_000, 100)).toBe(MAX_FAILURE_BACKOFF_MS);
    expect([1, 5].map((n) => failureBackoffMs(n, 30_000))).toEqual([30_000, 30_000]);
  });
});
