const TWO = Array.from({ length: 100 }, (_, i) => (i < 10 ? `0${i}` : `${i}`));
/** 0000-01-01 and 10000-01-01 (ms): `toISOString` writes a four-digit year between them. */
const MIN_MS = -62_167_219_200_000;
const MAX_MS = 253_402_300_800_000;

/**
 * `d.toISOString()`, written out by arithmetic: the same text, about four times faster than V8's own, which the
 * read API calls three times per record (600 times a page). Civil date from days after Howard Hinnant's
 * `civil_from_days`; dates outside years 0-9999 (and invalid ones) go to `toISOString` itself.
 */
export const isoTime = (d: Date): string => {
  const t = d.getTime();
  if (!(t >= MIN_MS && t < MAX_MS)) return d.toISOString();
  const days = Math.floor(t / 86_400_000);
  let ms = t - days * 86_400_000;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const h = Math.floor(ms / 3_600_000);
  ms -= h * 3_600_000;
  const min = Math.floor(ms / 60_000);
  ms -= min * 60_000;
  const s = Math.floor(ms / 1000);
  ms -= s * 1000;
  const y = year >= 1000 ? `${year}` : `${year}`.padStart(4, '0');
  const frac = ms < 10 ? `00${ms}` : ms < 100 ? `0${ms}` : `${ms}`;
  return `${y}-${TWO[month]}-${TWO[day]}T${TWO[h]}:${TWO[min]}:${TWO[s]}.${frac}Z`;
};
