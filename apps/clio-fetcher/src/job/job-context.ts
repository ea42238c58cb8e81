import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { ClioClient } from '@sf/clio-client';
import type { SyncScope } from '@sf/sync-jobs';
import type { FetcherConfig } from '../fetcher-config';
import type { Lease } from '@sf/work-queue';
import type { SyncWork } from '../work/sync-job-queue';
import type { EventOrigin } from './job-events';
import type { FetcherDb } from '../schema/fetcher-schema';

/** Everything one run of a claimed job needs; built by the worker, passed explicitly. */
export interface JobContext {
  db: Kysely<FetcherDb>;
  client: ClioClient;
  config: FetcherConfig;
  log: Logger;
  work: SyncWork;
  /** The claim's lease: every write of the run presents it, so a run whose job was taken over writes nothing. */
  lease: Lease;
  scope: SyncScope;
  origin: EventOrigin;
  /** Wall clock (event times and lease arithmetic). */
  now: () => Date;
  /** True once the process is shutting down: finish the page in flight, then stop. */
  stopping: () => boolean;
  /** Aborted when the heartbeat finds the lease lost: stop without writing. */
  lost: AbortSignal;
}

/** How a run of a job ended, for the worker. */
export const RunEnd = {
  /** Terminal event appended (completed or failed). */
  closed: 'closed',
  /** Waits for a rate limit or a retry; the lease was released until then. */
  blocked: 'blocked',
  /** Paused, cancelled or taken over: someone else decides now; nothing more to do here. */
  fenced: 'fenced',
  /** Shutting down before the job finished: the worker releases the lease so another replica resumes it. */
  interrupted: 'interrupted',
} as const;
export type RunEnd = (typeof RunEnd)[keyof typeof RunEnd];
