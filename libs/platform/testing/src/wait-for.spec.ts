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

  it('scales every timeout by SF_TEST_WAIT_SCALE (a loaded machine), and names the scaled time', async () => {
    const before = process.env['SF_TEST_WAIT_SCALE'];
    process.env['SF_TEST_WAIT_SCALE'] = '3';
    try {
      await expect(
        waitFor(
          () => 0,
          (x) => x > 0,
          { timeoutMs: 20, intervalMs: 5 },
        ),
      ).rejects.toThrow(/timed out after 60 ms/);
    } finally {
      if (before === undefined) delete process.env['SF_TEST_WAIT_SCALE'];
      else process.env['SF_TEST_WAIT_SCALE'] = before;
    }
  });
});
