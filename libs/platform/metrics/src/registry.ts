import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * The one registry of a process: every metric of the platform registers here, and `/metrics` serves it. One per
 * process (several services in one Jest process share it, which only adds up their counts).
 */
export const metricsRegistry = new Registry();

let defaultsStarted = false;

/**
 * Node's own metrics (memory, event-loop lag, GC, handles) with the `service` label on every series. Called once by
 * each process at start; later calls only change the label (tests that boot several services in one process).
 */
export const startProcessMetrics = (service: string): void => {
  metricsRegistry.setDefaultLabels({ service });
  if (defaultsStarted) return;
  defaultsStarted = true;
  collectDefaultMetrics({ register: metricsRegistry, prefix: 'sf_process_' });
};

/** The Prometheus text exposition of every metric, with the content type to answer it under. */
export const metricsText = async (): Promise<{ contentType: string; body: string }> => ({
  contentType: metricsRegistry.contentType,
  body: await metricsRegistry.metrics(),
});
