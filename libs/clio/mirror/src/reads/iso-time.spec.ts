import { isoTime } from './iso-time';

describe('isoTime', () => {
  it.each([
    '1970-01-01T00:00:00.000Z',
    '0000-01-01T00:00:00.000Z',
    '0999-03-01T00:00:00.005Z',
    '1969-12-31T23:59:59.999Z',
    '2000-02-29T23:59:59.999Z',
    '2100-03-01T00:00:00.010Z',
    '2026-12-04T18:45:59.361Z',
    '9999-12-31T23:59:59.999Z',
  ])('writes %s as toISOString does', (s) => {
    expect(isoTime(new Date(s))).toBe(s);
  });

  it('agrees with toISOString on 200,000 random instants of years 0 to 9999', () => {
    const span = 253_402_300_800_000 + 62_167_219_200_000;
    for (let i = 0; i < 200_000; i += 1) {
      const d = new Date(Math.floor(Math.random() * span) - 62_167_219_200_000);
      if (isoTime(d) !== d.toISOString()) expect(isoTime(d)).toBe(d.toISOString());
    }
  });

  it('leaves years outside 0-9999 to toISOString (six-digit years), and throws on an invalid date as it does', () => {
    const far = new Date('+010000-01-01T00:00:00.000Z');
    expect(isoTime(far)).toBe(far.toISOString());
    expect(isoTime(new Date(-62_167_219_200_001))).toBe('-000001-12-31T23:59:59.999Z');
    expect(() => isoTime(new Date(Number.NaN))).toThrow(RangeError);
  });
});
