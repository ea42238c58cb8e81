import { maxIntegerId, storedBeforeRestart } from './restart-point';

describe('restart point', () => {
  it('takes the largest integer id, numerically', () => {
    expect(maxIntegerId(['9', '10', null, 'abc', '2'])).toBe('10');
    expect(maxIntegerId([null, 'x-1'])).toBeNull();
  });
  it('skips only integer ids up to the last stored one', () => {
    expect(storedBeforeRestart(10, '10')).toBe(true);
    expect(storedBeforeRestart('9', '10')).toBe(true);
    expect(storedBeforeRestart(11, '10')).toBe(false);
    expect(storedBeforeRestart('entry-3', '10')).toBe(false);
    expect(storedBeforeRestart(3, null)).toBe(false);
  });
});
