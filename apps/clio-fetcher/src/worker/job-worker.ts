import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { createClioClient, type ClioClient, type TokenProvider } from '@sf/clio-client';
import type { Database } from '@sf/db';
import { withLogContext } from '@sf/logging';
import { SyncErrorCode } from '@sf/sync-policy';
import { SyncScope } from '@sf/sync-jobs';
import type { FetcherConfig } from '../fetcher-config';
import { RunEnd, type JobContext } from '../job/job-context';
import { failJob, loadJob } from '../job/job-outcomes';
import { runJob } from '../job/job-runner';
import { claimWork, releaseWork, renewLease, type WorkItem } from '../work/work-queue';
import { abortableSleep } from './abortable-sleep';

export interface JobWorkersDeps {
  db: Kysely<Database>;
  config: FetcherConfig;
  log: Logger;
  tokens: TokenProvider;
}

export interface JobWorkers {
  /** Jobs running right now in this process. */
  active(): number;
  /** Stops claiming; running jobs finish the page in flight and give their lease back. */
  stop(): Promise<void>;
}

/**
 * Budget waits longer than 20 s become a visible `SyncJobBlocked` (lease released) instead of a silent wait in
 * the client, which also keeps a graceful stop short.
 */
const clientFor = (d: JobWorkersDeps, firmId: string): ClioClient =>
  createClioClient({ db: d.db, firmId, tokens: d.tokens, maxWaitMs: 20_000, ...d.config.client });

/** A crash of the run itself (a bug or an outage): retried later like a Clio failure, then failed as internal. */
const afterCrash = async (d: JobWorkersDeps, ctx: JobContext, err: unknown): Promise<void> => {
  const attempts = ctx.work.attempts + 1;
  d.log.error({ jobId: ctx.work.jobId, attempts, err: err instanceof Error ? err.message : String(err) }, 'job run crashed');
  try {
    if (attempts >= d.config.maxAttempts) {
      await failJob(ctx, await loadJob(ctx), SyncErrorCode.Internal, 'internal error');
      return;
    }
    const until = new Date(Date.now() + d.config.retryBaseMs * 2 ** (attempts - 1));
    await releaseWork(d.db, ctx.work.jobId, d.config.workerId, { until, attempts, lastError: 'internal error' });
  } catch (inner) {
    d.log.error({ jobId: ctx.work.jobId, err: String(inner) }, 'could not record the crash; the lease will expire');
  }
};

const runClaimed = async (d: JobWorkersDeps, work: WorkItem, stopping: () => boolean): Promise<void> => {
  const lost = new AbortController();
  const { workerId, leaseMs } = d.config;
  // Phases without appends (a long rate-limit wait inside the client, a catch-up) keep the lease alive too.
  const heartbeat = setInterval(() => {
    renewLease(d.db, work.jobId, workerId, leaseMs)
      .then((held) => { if (!held) lost.abort(); })
      .catch((err: unknown) => d.log.warn({ jobId: work.jobId, err: String(err) }, 'lease heartbeat failed'));
  }, Math.max(250, Math.floor(leaseMs / 3)));
  const ctx: JobContext = {
    db: d.db, client: clientFor(d, work.firmId), config: d.config, log: d.log, workerId, work, scope: SyncScope.of(work.scope),
    origin: { firmId: work.firmId, correlationId: work.correlationId, causationId: work.requestEventId },
    now: d.config.now ?? (() => new Date()), stopping, lost: lost.signal,
  };
  try {
    const ended = await withLogContext({ correlationId: work.correlationId }, () => runJob(ctx));
    if (ended === RunEnd.interrupted) await releaseWork(d.db, work.jobId, workerId, { until: null });
    d.log.debug({ jobId: work.jobId, ended }, 'job run ended');
  } catch (err) {
    await afterCrash(d, ctx, err);
  } finally {
    clearInterval(heartbeat);
  }
};

/**
 * `config.workers` job slots: each claims the oldest ready job (one statement, SKIP LOCKED), runs it until it
 * completes, blocks, is fenced or the process stops, and claims the next. Any replica may take any job.
 */
export const startJobWorkers = (d: JobWorkersDeps): JobWorkers => {
  const abort = new AbortController();
  let active = 0;
  const stopping = (): boolean => abort.signal.aborted;
  const slot = async (): Promise<void> => {
    while (!stopping()) {
      let work: WorkItem | null = null;
      try {
        work = await claimWork(d.db, d.config.workerId, d.config.leaseMs);
      } catch (err) {
        d.log.warn({ err: String(err) }, 'claim failed');
      }
      if (work === null) {
        await abortableSleep(d.config.pollMs, abort.signal);
        continue;
      }
      active += 1;
      try {
        await runClaimed(d, work, stopping);
      } finally {
        active -= 1;
      }
    }
  };
  const slots = Array.from({ length: d.config.workers }, () => slot());
  return {
    active: () => active,
    stop: async () => {
      abort.abort();
      await Promise.all(slots);
    },
  };
};
