import { metricsRegistry } from '@sf/metrics';

/** Every `sf_…` series a PromQL expression reads, with histogram suffixes folded onto their metric. */
export const metricsIn = (expr: string): string[] => [
  ...new Set([...expr.matchAll(/\bsf_[a-z0-9_]+/g)].map((m) => m[0].replace(/_(bucket|sum|count)$/, ''))),
];

/** Names the expression reads that no metric of the registry defines (histograms count with their suffixes). */
export const unknownMetrics = (expr: string): string[] =>
  metricsIn(expr).filter((name) => metricsRegistry.getSingleMetric(name) === undefined);
