import { formatWait } from './format-wait';

describe('formatWait (always rounds up, never understates a wait)', () => {
  it.each([
    [-5, '1 second'],
    [0, '1 second'],
    [1, '1 second'],
    [1_000, '1 second'],
    [1_001, '2 seconds'],
    [42_000, '42 seconds'],
    [41_200, '42 seconds'],
    [59_001, '1 minute'],
    [60_000, '1 minute'],
    [60_001, '2 minutes'],
    [59 * 60_000, '59 minutes'],
    [59 * 60_000 + 1, '1 hour'],
    [60 * 60_000, '1 hour'],
    [60 * 60_000 + 1, '2 hours'],
    [5 * 3_600_000, '5 hours'],
  ])('given %p ms, then "%s"', (ms, expected) => {
    expect(formatWait(ms)).toBe(expected);
  });
});
