import type { GaugeSource, Reading } from './scraped-gauge';

/**
 * A scraped-gauge source read at most once per `minIntervalMs` (`now` in ms, passed in): scrapes in between get the
 * last reading. For sources that cost a count over a growing table; a failed read is not kept, so the next scrape
 * tries again.
 */
export const throttledSource = <L extends string>(
  read: GaugeSource<L>,
  minIntervalMs: number,
  now: () => number = Date.now,
): GaugeSource<L> => {
  let last: { at: number; readings: Reading<L>[] } | null = null;
  return async () => {
    if (last !== null && now() - last.at < minIntervalMs) return last.readings;
    const readings = await read();
    last = { at: now(), readings };
    return readings;
  };
};
