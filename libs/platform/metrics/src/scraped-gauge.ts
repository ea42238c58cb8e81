import { Gauge } from 'prom-client';
import { metricsRegistry } from './registry';

/** One reading of a source: label values and the value. */
export type Reading<L extends string> = { labels: Partial<Record<L, string>>; value: number };
export type GaugeSource<L extends string> = () => Promise<Reading<L>[]> | Reading<L>[];

export interface ScrapedGauge<L extends string> {
  /** Adds a source read at every scrape; returns its removal (call it when the thing it reads stops). */
  source(read: GaugeSource<L>): () => void;
}

/**
 * A gauge whose values are read when Prometheus scrapes (queue sizes, lags, pool usage) rather than pushed: each
 * process registers the sources it has (a relay its status, a service its pool). A source that fails is left out
 * of that scrape, so one broken dependency never blanks the whole page.
 */
export const defineScrapedGauge = <L extends string>(
  name: string,
  help: string,
  labelNames: readonly L[] = [],
): ScrapedGauge<L> => {
  if (!/^sf_[a-z0-9_]+$/.test(name) || name.endsWith('_total')) throw new Error(`bad gauge name ${name}`);
  const sources = new Set<GaugeSource<L>>();
  new Gauge<L>({
    name,
    help,
    labelNames,
    registers: [metricsRegistry],
    async collect() {
      this.reset();
      const readings = await Promise.all([...sources].map((s) => Promise.resolve(s()).catch(() => [])));
      for (const r of readings.flat()) this.set(r.labels, r.value);
    },
  });
  return {
    source: (read) => {
      sources.add(read);
      return () => sources.delete(read);
    },
  };
};
