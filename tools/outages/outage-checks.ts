// Assertions shared by the outage tests and the soak: health of every process, jobs reaching an end, exact mirror,
// stream equal to the log.
import { waitFor } from '@sf/testing';
import type { OutageStack } from './outage-stack';
import { compareChangesWithTable, compareStreamWithLog, type StreamVsLog } from './stream-vs-log';

/** Status of each process's /health/ready (0 = no answer). */
export const healthOf = async (stack: OutageStack): Promise<Record<string, number>> =>
  Object.fromEntries(
    await Promise.all(
      Object.entries(stack.health).map(async ([name, url]) => {
        const status = await fetch(url, { signal: AbortSignal.timeout(3_000) }).then(
          (r) => r.status,
          () => 0,
        );
        return [name, status] as const;
      }),
    ),
  );

/** Waits until every process answers 200 on /health/ready; resolves with how long that took, ms. */
export const waitAllReady = async (stack: OutageStack, timeoutMs: number): Promise<number> => {
  const from = Date.now();
  await waitFor(
    () => healthOf(stack),
    (h) => Object.values(h).every((s) => s === 200),
    { timeoutMs, intervalMs: 250, description: 'every process ready' },
  );
  return Date.now() - from;
};

/** Waits for the firm's job `index` (0 = first) to end; returns its end state. */
export const waitJobEnded = async (stack: OutageStack, index: number, timeoutMs: number): Promise<string> => {
  const jobs = await waitFor(
    () => stack.jobs(),
    (j) => ['completed', 'failed', 'cancelled'].includes(j[index]?.state ?? ''),
    { timeoutMs, intervalMs: 500, description: `job ${index} ended` },
  );
  return jobs[index]!.state;
};

export const waitMirrorExact = (stack: OutageStack, timeoutMs: number) =>
  waitFor(
    () => stack.mirror(),
    (checks) => checks.length > 0 && checks.every((c) => c.exact),
    { timeoutMs, intervalMs: 500, description: 'the mirror equal to Clio' },
  );

/** Waits until the relay has published the whole log, then compares the stream with it. */
export const waitStreamEqualsLog = (stack: OutageStack, natsUrl: string, timeoutMs: number): Promise<StreamVsLog> =>
  waitFor(
    () => compareStreamWithLog(stack.db, natsUrl, stack.eventsStream),
    (c) => c.missing === 0 && c.streamMessages >= c.logEvents,
    { timeoutMs, intervalMs: 1_000, description: 'every logged event in the stream' },
  );

/** Waits until the changes stream holds every recorded change (once each: the caller checks `duplicated`). */
export const waitChangesPublished = (stack: OutageStack, natsUrl: string, timeoutMs: number): Promise<StreamVsLog> =>
  waitFor(
    () => compareChangesWithTable(stack.db, natsUrl, stack.changesStream),
    (c) => c.missing === 0 && c.streamMessages >= c.logEvents,
    { timeoutMs, intervalMs: 1_000, description: 'every recorded change in the changes stream' },
  );

/** Names of processes that exited (none may: nothing is restarted by hand). */
export const exitedProcesses = (stack: OutageStack): string[] =>
  stack.services.filter((s) => s.child.exitCode !== null || s.child.signalCode !== null).map((s) => s.name);

/** Waits for the firm's job `index` to be running (a worker fetching). */
export const waitJobRunning = (stack: OutageStack, index: number, timeoutMs = 120_000) =>
  waitFor(
    () => stack.jobs(),
    (j) => j[index]?.state === 'running',
    { timeoutMs, intervalMs: 200, description: `job ${index} running` },
  );

/**
 * Adds latency to every Clio request (a simulator `slow` fault) so the job that follows lasts long enough for an
 * outage to land in its middle; returns the function that removes it.
 */
export const slowClio = async (stack: OutageStack, delayMs: number): Promise<() => Promise<void>> => {
  const fault = await stack.control<{ id: string }>('POST', '/faults', { kind: 'slow', delayMs });
  return async () => {
    await stack.control('DELETE', `/faults/${fault.id}`);
  };
};
