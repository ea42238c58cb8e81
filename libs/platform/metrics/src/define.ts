import { Counter, Gauge, Histogram } from 'prom-client';
import { metricsRegistry } from './registry';

/**
 * Factories binding a metric to the process registry. Names start with `sf_`, use snake case, and counters end in
 * `_total` (Prometheus conventions); a name that breaks them is a bug and throws at load.
 */
const checked = (name: string, kind: 'counter' | 'gauge' | 'histogram'): string => {
  if (!/^sf_[a-z0-9_]+$/.test(name)) throw new Error(`metric name ${name} must match sf_[a-z0-9_]+`);
  if ((kind === 'counter') !== name.endsWith('_total')) throw new Error(`metric ${name}: only counters end in _total`);
  return name;
};

export const defineCounter = <L extends string>(
  name: string,
  help: string,
  labelNames: readonly L[] = [],
): Counter<L> => new Counter({ name: checked(name, 'counter'), help, labelNames, registers: [metricsRegistry] });

export const defineGauge = <L extends string>(name: string, help: string, labelNames: readonly L[] = []): Gauge<L> =>
  new Gauge({ name: checked(name, 'gauge'), help, labelNames, registers: [metricsRegistry] });

export const defineHistogram = <L extends string>(
  name: string,
  help: string,
  labelNames: readonly L[],
  buckets: number[],
): Histogram<L> =>
  new Histogram({ name: checked(name, 'histogram'), help, labelNames, buckets, registers: [metricsRegistry] });
