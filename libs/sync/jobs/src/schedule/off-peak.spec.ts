import { isOffPeak, nextOffPeak } from './off-peak';

const at = (iso: string) => Date.parse(iso);

describe('off-peak hours per Clio region (22:00-06:00 in the region reference zone)', () => {
  it.each([
    // Winter: Chicago UTC-6, Toronto UTC-5, London UTC+0, Sydney UTC+11 (daylight saving in January).
    ['us', '2026-01-15T04:00:00Z', true], // 22:00 Chicago
    ['us', '2026-01-15T03:59:00Z', false], // 21:59 Chicago
    ['us', '2026-01-15T11:59:00Z', true], // 05:59 Chicago
    ['us', '2026-01-15T12:00:00Z', false], // 06:00 Chicago
    ['ca', '2026-01-15T03:00:00Z', true], // 22:00 Toronto
    ['eu', '2026-01-15T22:30:00Z', true], // 22:30 London
    ['eu', '2026-01-15T12:00:00Z', false],
    ['au', '2026-01-15T11:00:00Z', true], // 22:00 Sydney
    ['au', '2026-01-15T19:00:00Z', false], // 06:00 Sydney
  ] as const)('%s at %s is off-peak: %s', (region, iso, expected) => {
    expect(isOffPeak(region, at(iso))).toBe(expected);
  });

  it('follows daylight saving: 22:00 in London is 21:00 UTC in summer', () => {
    expect(isOffPeak('eu', at('2026-07-15T21:00:00Z'))).toBe(true);
    expect(isOffPeak('eu', at('2026-07-15T20:59:00Z'))).toBe(false);
  });

  it('gives the next window start, or now inside a window', () => {
    expect(nextOffPeak('us', at('2026-01-15T15:07:00Z'))).toBe(at('2026-01-16T04:00:00Z'));
    expect(nextOffPeak('au', at('2026-01-15T00:00:00Z'))).toBe(at('2026-01-15T11:00:00Z'));
    expect(nextOffPeak('eu', at('2026-01-15T23:10:00Z'))).toBe(at('2026-01-15T23:10:00Z'));
  });
});
