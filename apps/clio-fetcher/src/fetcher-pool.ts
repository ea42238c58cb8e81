import type { FetcherConfig } from './fetcher-config';

/** Job workers that may be on a connection at once before the pool queues the rest (milliseconds, see below). */
export const JOB_CONNECTIONS = 8;

/**
 * The fetcher's pool budget. A job worker is on a connection only for a statement (a claim, a heartbeat, its Clio
 * client's rate-budget upsert) or its page's append, never while it waits on Clio, so the pool does not grow with
 * the workers: past JOB_CONNECTIONS they queue for a checkout, milliseconds against the 1.2 s between a firm's
 * requests at 50/min. The rate budget's statements of the page asked for ahead overlap an append. Each running
 * writer slot holds one connection for its turn (its record's session lock, across the Clio call) and its client
 * takes one more briefly: the floor. Five intake consumers, each one transaction at a time, rarely busy together.
 */
export const fetcherPool = (
  config: Pick<FetcherConfig, 'workers' | 'writerSlots'>,
): { parts: Record<string, number>; floor: number } => ({
  parts: {
    jobs: Math.min(config.workers, JOB_CONNECTIONS),
    rateBudget: 2,
    intake: 2,
    writers: config.writerSlots,
    probes: 2,
  },
  floor: config.writerSlots + 1,
});
