import type { ClioRegion } from '@sf/contracts';

/**
 * Off-peak hours of each Clio region: 22:00 to 06:00 local time in the region's reference time zone. A region spans
 * several zones (the US four), so each has one reference zone, the one most of its firms' working day follows:
 * US Central (the middle of the US zones; 22:00 Central is 23:00 Eastern and 20:00 Pacific), Eastern for Canada,
 * London for the EU instance, Sydney for Australia. Daylight saving is the zone's (Intl's tz data).
 */
export const OFF_PEAK_ZONES: { readonly [R in ClioRegion]: string } = {
  us: 'America/Chicago',
  ca: 'America/Toronto',
  eu: 'Europe/London',
  au: 'Australia/Sydney',
};

/** Local hours [start, end) of the window, wrapping midnight. */
export const OFF_PEAK_HOURS = { start: 22, end: 6 } as const;

const STEP_MS = 15 * 60_000; // every zone offset in use is a multiple of 15 minutes
const formatters = new Map<string, Intl.DateTimeFormat>();

const localMinutes = (zone: string, t: number): number => {
  let f = formatters.get(zone);
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    formatters.set(zone, f);
  }
  const parts = f.formatToParts(new Date(t));
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return get('hour') * 60 + get('minute');
};

const inWindow = (minutes: number): boolean =>
  minutes >= OFF_PEAK_HOURS.start * 60 || minutes < OFF_PEAK_HOURS.end * 60;

/** Whether `now` (epoch ms) is in the region's off-peak hours. */
export const isOffPeak = (region: ClioRegion, now: number): boolean =>
  inWindow(localMinutes(OFF_PEAK_ZONES[region], now));

/** `now` when it is off-peak, else the start of the region's next off-peak window (epoch ms). */
export const nextOffPeak = (region: ClioRegion, now: number): number => {
  const zone = OFF_PEAK_ZONES[region];
  if (inWindow(localMinutes(zone, now))) return now;
  // Walk to the next quarter hour, then by quarter hours: the window starts on one in every zone.
  let t = Math.ceil(now / STEP_MS) * STEP_MS;
  for (let i = 0; i < (48 * 60) / 15; i++, t += STEP_MS) if (inWindow(localMinutes(zone, t))) return t;
  throw new Error(`no off-peak window within 48 h in ${zone}`);
};
