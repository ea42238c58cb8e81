import { monthsBefore } from './onboarding';

describe('monthsBefore', () => {
  it.each([
    ['2026-01-01T12:00:00.000Z', 12, '2025-01-01T12:00:00.000Z'],
    ['2026-03-31T08:30:00.000Z', 1, '2026-02-28T08:30:00.000Z'],
    ['2024-03-31T00:00:00.000Z', 1, '2024-02-29T00:00:00.000Z'],
    ['2026-05-15T00:00:00.000Z', 6, '2025-11-15T00:00:00.000Z'],
  ])('%s minus %i months is %s', (now, months, expected) => {
    expect(monthsBefore(new Date(now), months).toISOString()).toBe(expected);
  });
});
