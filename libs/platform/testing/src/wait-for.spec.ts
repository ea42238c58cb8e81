import { waitFor } from './wait-for';

describe('waitFor', () => {
  it('returns the first value that satisfies the condition', async () => {
    let n = 0;
    const v = await waitFor(
      () => ++n,
      (x) => x >= 3,
      { intervalMs: 1 },
    );
    expect(v).toBe(3);
  });

  it('fails with the description and the last value when the condition never holds', async () => {
    await expect(
      waitFor(
        () => 7,
        (x) => x > 10,
        { timeoutMs: 30, intervalMs: 5, description: 'x above 10' },
      ),
    ).rejects.toThrow(/x above 10; last value 7/);
  });
});
