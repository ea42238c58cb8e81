/**
 * Clio's peak hours by region (D-RL): US/CA 04:00–19:00 Pacific, EU 07:00–22:00 GMT, AU 06:00–21:00 AET, all
 * Monday–Friday. Start inclusive, end exclusive, in the region's local time.
 */
export const PEAK_HOURS: Record<string, { timeZone: string; startHour: number; endHour: number }> = {
  us: { timeZone: 'America/Los_Angeles', startHour: 4, endHour: 19 },
  ca: { timeZone: 'America/Los_Angeles', startHour: 4, endHour: 19 },
  eu: { timeZone: 'UTC', startHour: 7, endHour: 22 },
  au: { timeZone: 'Australia/Sydney', startHour: 6, endHour: 21 },
};

const WEEKDAYS = new Set(['Mon', 'Tue', 'Wed', 'Thu', 'Fri']);
const formatters = new Map<string, Intl.DateTimeFormat>();

const formatterFor = (timeZone: string): Intl.DateTimeFormat => {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: 'numeric', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
};

/** True during the region's peak hours at `now` (epoch ms). Unknown regions use the US schedule. */
export const isPeak = (region: string, now: number): boolean => {
  const sched = PEAK_HOURS[region] ?? PEAK_HOURS.us;
  const parts = formatterFor(sched.timeZone).formatToParts(new Date(now));
  const weekday = parts.find((p) => p.type === 'weekday')?.value ?? '';
  const hour = Number(parts.find((p) => p.type === 'hour')?.value ?? '0');
  return WEEKDAYS.has(weekday) && hour >= sched.startHour && hour < sched.endHour;
};
