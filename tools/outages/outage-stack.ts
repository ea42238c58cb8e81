// The whole platform with one firm against a NATS server (and optionally a Postgres cluster) the caller owns, so
// outage tests and the soak can kill them. Every process serves /health/ready (relay and projections included).
import type { Kysely } from 'kysely';
import type { BusUser } from '@sf/messaging';
import { createGatewayClient } from '@sf/gateway-client';
import type { PlatformDb } from '../migration-sets';
import type { RunningService } from '../main-job/services';
import type { SimulatorControl } from '../main-job/simulator';
import { startFolderJob } from '../main-job/process-folder';
import type { MirrorCheck } from '../main-job/summary';
import { startPlatformStack } from '../stack/platform-stack';

export interface OutageStackOptions {
  /** Admin URL of the Postgres server the run's database is created on. */
  adminUrl: string;
  natsUrl: string;
  logDir: string;
  /** Simulated firm size. Default small. */
  size?: string;
  /** Simulator latency per request, ms (stretches the sync so an outage lands in the middle). Default 60. */
  latencyMs?: number;
  /** Fetcher replicas. Default 1. */
  fetchers?: number;
  /** Environment added to every process. */
  env?: NodeJS.ProcessEnv;
  /** The users of a locked server (`OwnNatsServer.users`); absent: an open server, a unique namespace. */
  natsUsers?: readonly Pick<BusUser, 'name' | 'password'>[];
  /** Also start the document processor. Default false (syncs only). */
  processor?: boolean;
  /**
   * Also start the webhooks service: `webhooks` (every role, the origin the simulator posts to) and `replicas - 1`
   * more running the registrar and the applier. Absent: no webhooks.
   */
  webhooks?: { replicas?: number; registrarIntervalMs?: number };
  /** How long each process may take to be ready at start and at a restart, ms. Default 120 000. */
  startTimeoutMs?: number;
}

export interface OutageStack {
  db: Kysely<PlatformDb>;
  /** The run's database (for tools run against the stack, e.g. `sf`). */
  databaseUrl: string;
  firmId: string;
  namespace: string;
  eventsStream: string;
  changesStream: string;
  /** The orchestrator's base URL and a JWT of the firm for it. */
  orchestratorUrl: string;
  jwt: string;
  services: RunningService[];
  /** Every process's /health/ready URL by process name (the simulator excluded). */
  health: Record<string, string>;
  control: SimulatorControl;
  /** POST /firms/:id/sync (manual): the decision's HTTP status. */
  requestFirmSync(): Promise<number>;
  /** The firm's jobs, oldest first. */
  jobs(): Promise<{ job_id: string; state: string }[]>;
  mirror(): Promise<MirrorCheck[]>;
  /** POST /jobs for the folder with the most documents (the document processor runs it): the job id. */
  startProcessingJob(): Promise<string>;
  /** SIGKILLs the process `name` (as a crash would). */
  kill(name: string): Promise<void>;
  /** Starts the process `name` again from its spec (what a supervisor does); waits until it is ready. */
  restart(name: string): Promise<void>;
  close(): Promise<void>;
}

export const startOutageStack = async (o: OutageStackOptions): Promise<OutageStack> => {
  const stack = await startPlatformStack({
    adminUrl: o.adminUrl,
    natsUrl: o.natsUrl,
    logDir: o.logDir,
    label: 'outage',
    simulator: { size: o.size ?? 'small', seed: '11', rateLimit: 'off', latencyMs: o.latencyMs ?? 60 },
    startTimeoutMs: o.startTimeoutMs ?? 120_000,
    ...(o.webhooks ? { webhooks: o.webhooks } : {}),
    ...(o.fetchers ? { fetchers: o.fetchers } : {}),
    ...(o.processor ? { processor: true } : {}),
    ...(o.natsUsers ? { natsUsers: o.natsUsers } : {}),
    ...(o.env ? { env: o.env } : {}),
  });
  const firmId = stack.firmIds[0]!;
  const jwt = stack.jwtOf(firmId);
  const orchUrl = stack.orchestratorUrl;
  return {
    ...stack,
    firmId,
    jwt,
    requestFirmSync: async () =>
      (
        await fetch(`${orchUrl}/firms/${firmId}/sync`, {
          method: 'POST',
          headers: { authorization: `Bearer ${jwt}`, 'content-type': 'application/json' },
          body: JSON.stringify({}),
        })
      ).status,
    jobs: () => stack.jobs(firmId),
    mirror: () => stack.mirror(firmId),
    startProcessingJob: async () => {
      const job = await startFolderJob(createGatewayClient({ baseUrl: orchUrl, token: jwt }), orchUrl, jwt);
      if (job === null) throw new Error('no folder with documents to process');
      return job.jobId;
    },
  };
};
