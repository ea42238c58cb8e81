import type { Kysely } from 'kysely';
import { context } from '@opentelemetry/api';
import type { TraceContext } from '@sf/contracts';
import { readEventsById } from '@sf/event-store';
import { contextFromTrace } from '@sf/telemetry';
import type { Logger } from 'pino';
import { createClioClient, type ClioClient, type TokenProvider } from '@sf/clio-client';
import { SyncScope } from '@sf/sync-jobs';
import { SyncErrorCode } from '@sf/sync-policy';
import {
  releaseLease,
  retryThroughOutage,
  startWorkerPool,
  WorkEnd,
  type Claim,
  type RunSignals,
  type WorkerPool,
} from '@sf/work-queue';
import type { FetcherConfig } from '../fetcher-config';
import { RunEnd, type JobContext } from '../job/job-context';
import { failJob, loadJob } from '../job/job-outcomes';
import { runJob } from '../job/job-runner';
import { syncJobQueue, syncWorkOf, type SyncJobPayload } from './sync-job-queue';
import type { FetcherDb } from '../schema/fetcher-schema';

export interface JobWorkersDeps {
  db: Kysely<FetcherDb>;
  config: FetcherConfig;
  log: Logger;
  tokens: TokenProvider;
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
  d.log.error({ jobId: ctx.work.jobId, attempts, err }, 'job run crashed');
  // A crash is most often an outage (Postgres restarting): keep trying to record it until the lease would have
  // run out, so the job is retried on schedule instead of waiting for its lease.
  const record = async (): Promise<void> => {
    if (attempts >= d.config.maxAttempts) {
      await failJob(ctx, await loadJob(ctx), SyncErrorCode.Internal, 'internal error');
      return;
    }
    const until = new Date(Date.now() + d.config.retryBaseMs * 2 ** (attempts - 1));
    await releaseLease(d.db, ctx.lease, { until, attempts, lastError: 'internal error' });
  };
  try {
    await retryThroughOutage(record, { everyMs: d.config.pollMs, forMs: d.config.leaseMs });
  } catch (inner) {
    d.log.error({ jobId: ctx.work.jobId, err: String(inner) }, 'could not record the crash; the lease will expire');
  }
};

/** The trace context stored with the job's `SyncRequested` (none when the request carried none). */
const requestTrace = async (d: JobWorkersDeps, eventId: string): Promise<TraceContext | undefined> =>
  (await readEventsById(d.db, [eventId]).catch(() => new Map())).get(eventId.toLowerCase())?.metadata.trace;

const runClaimed = async (d: JobWorkersDeps, claim: Claim<SyncJobPayload>, signals: RunSignals): Promise<WorkEnd> => {
  const work = syncWorkOf(claim.item);
  const ctx: JobContext = {
    db: d.db,
    client: clientFor(d, work.firmId),
    config: d.config,
    log: d.log,
    work,
    lease: claim.lease,
    scope: SyncScope.of(work.scope),
    origin: { firmId: work.firmId, correlationId: work.correlationId, causationId: work.requestEventId },
    now: d.config.now ?? (() => new Date()),
    stopping: () => signals.stopping.aborted,
    lost: signals.lost,
  };
  try {
    // The job's spans (Clio requests, appends) join the trace of the request that opened it.
    const parent = await requestTrace(d, work.requestEventId);
    const ended = await context.with(contextFromTrace(parent), () => runJob(ctx));
    d.log.debug({ jobId: work.jobId, ended }, 'job run ended');
    return ended === RunEnd.interrupted ? WorkEnd.interrupted : WorkEnd.ended;
  } catch (err) {
    await afterCrash(d, ctx, err);
    return WorkEnd.ended;
  }
};

/**
 * `config.workers` job slots over the sync-jobs queue: each claims the oldest ready job, runs it until it
 * completes, blocks, is fenced or the process stops (the page in flight finishes, the lease goes back), and
 * claims the next. Any replica may take any job.
 */
export const startJobWorkers = (d: JobWorkersDeps): WorkerPool =>
  startWorkerPool({
    db: d.db,
    queue: syncJobQueue,
    settings: d.config,
    slots: d.config.workers,
    log: d.log,
    run: (claim, signals) => runClaimed(d, claim, signals),
  });
