import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { ValidationPipe, type INestApplication } from '@nestjs/common';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { RpcSubjects } from '@sf/contracts';
import { migrateToLatest } from '@sf/db';
import { createLogger, httpAccessLog } from '@sf/logging';
import {
  createConsumerRunner,
  defineTopology,
  type ConsumerRunner,
  provision,
  rebaseSubject,
  type MessageHandler,
  type Topology,
} from '@sf/messaging';
import { projectionByName, type SyncReadModelTables } from '@sf/sync-read-models';
import { startProjectionRunner, widenProjection, type Projection } from '@sf/projections';
import {
  connectServiceNats,
  consumersNotStuck,
  createBudgetedDb,
  createHttpApp,
  HttpErrorFilter,
  mountApiDocs,
  type LoopCheck,
} from '@sf/service-kit';
import { syncPolicyConfig } from '@sf/sync-policy';
import type { HttpDeps } from './http/http-deps';
import { ORCHESTRATOR_KNOWN_FAILURES } from './http/known-failures';
import { OrchestratorModule } from './http/orchestrator.module';
import { ORCHESTRATOR_API_INFO } from './api-info';
import { ORCHESTRATOR_MIGRATION_SETS } from './schema/orchestrator-schema';
import { createProcessingService } from './processing/processing-service';
import { SYNC_ENDED_CONSUMERS, syncEndedHandler } from './processing/sync-ended.consumer';
import { CONNECTION_REVOKED_CONSUMER, connectionRevokedHandler } from './nats/connection-revoked.consumer';
import { firstLoginHandler } from './nats/first-login.consumer';
import { startSyncRpcResponder } from './nats/sync-rpc-responder';
import type { OrchestratorConfig } from './orchestrator-config';
import { startStallTimer } from './stall-timer';
import { LiveStreams } from './live/sse-stream';
import { FirmFeeds } from './live/firm-feeds';
import { openFirmTail } from './live/live-feed';
import type { SyncDeps } from './sync/sync-deps';
import { createSyncService, syncDeps, type SyncService } from './sync/sync-service';
import { FIRST_LOGIN_CONSUMER } from './wire-names';
import { orchestratorConsumerOptions } from './nats/orchestrator-consumers';
import { createScheduleService } from './schedule/schedule-service';
import { syncSchedulesProjection } from './schedule/schedule.projection';
import { createScheduler, startSchedulerLoop } from './schedule/scheduler';
import { webhookHealthFromDb } from './schedule/webhook-health';
import type { OrchestratorTables } from './schema/orchestrator.tables';
import type { OrchestratorDb } from './schema/orchestrator-schema';
import { startProcessMetrics } from '@sf/metrics';
import { registerJobGauges } from './sync/job-gauges';

export interface Orchestrator {
  /** Base URL of the HTTP server, e.g. `http://127.0.0.1:3002`. */
  url: string;
  port: number;
  /** The sync-request RPC subject this instance answers (namespace-rebased). */
  rpcSubject: string;
  /** The service the transports call (for in-process tests and tools). */
  service: SyncService;
  /** Stops the timers, the consumers, the RPC, HTTP, the projections, NATS and the pool, in that order. */
  close(): Promise<void>;
}

const ownProjections = (): [Projection<SyncReadModelTables>, Projection<SyncReadModelTables>] => {
  const [syncJobs, connections] = (['sync_jobs', 'firm_connections'] as const).map((name) => {
    const p = projectionByName(name);
    if (!p) throw new Error(`projection ${name} is not registered in @sf/sync-read-models`);
    return p;
  });
  return [syncJobs!, connections!];
};

type Closers = Array<() => Promise<unknown>>;

/** The HTTP API: global validation (whitelist, forbid unknown fields), the error filter, the JWT guard. */
const startHttp = async (
  deps: HttpDeps,
  config: OrchestratorConfig,
  log: Logger,
  closers: Closers,
): Promise<number> => {
  const app: INestApplication = await createHttpApp(OrchestratorModule.forRoot(deps, config.jwt));
  app.use(httpAccessLog(log));
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.useGlobalFilters(new HttpErrorFilter(log, { known: ORCHESTRATOR_KNOWN_FAILURES }));
  closers.push(() => app.close());
  mountApiDocs(app, ORCHESTRATOR_API_INFO);
  await app.listen(config.port, config.host);
  return (app.getHttpServer().address() as AddressInfo).port;
};

/** The sync-request RPC, the ClioConnected consumer and the ConnectionRevoked consumer. Returns the RPC subject. */
const startMessaging = async (
  o: {
    nc: NatsConnection;
    db: Kysely<OrchestratorDb>;
    topology: Topology;
    service: SyncService;
    deps: SyncDeps;
    connections: Projection<SyncReadModelTables>;
    syncJobs: Projection<SyncReadModelTables>;
    /** Readiness checks of the orchestrator's loops: `consumers` is added here. */
    loops: Map<string, LoopCheck>;
  },
  log: Logger,
  closers: Closers,
): Promise<string> => {
  const rpcSubject = rebaseSubject(o.topology.namespace, RpcSubjects.syncRequest);
  const rpc = startSyncRpcResponder({ nc: o.nc, subject: rpcSubject, service: o.service, log });
  closers.push(() => rpc.stop());
  const consumers: Array<[string, MessageHandler<OrchestratorDb>]> = [
    [
      FIRST_LOGIN_CONSUMER,
      firstLoginHandler({ db: o.db, service: o.service, connections: o.connections, now: o.deps.now }),
    ],
    [CONNECTION_REVOKED_CONSUMER, connectionRevokedHandler({ db: o.db, jobs: o.syncJobs, log })],
    ...SYNC_ENDED_CONSUMERS.map((c): [string, MessageHandler<OrchestratorDb>] => [c.name, syncEndedHandler(o.deps)]),
  ];
  const runners: ConsumerRunner[] = [];
  for (const [name, handler] of consumers) {
    const consumer = createConsumerRunner({
      nc: o.nc,
      db: o.db,
      topology: o.topology,
      consumer: o.topology.consumers.find((c) => c.name === name)!,
      handler,
      onError: (e) =>
        log.error({ consumer: name, err: e instanceof Error ? e.name : 'unknown' }, 'consumer batch failed'),
    });
    await consumer.start();
    runners.push(consumer);
    closers.push(() => consumer.stop());
  }
  o.loops.set(
    'consumers',
    consumersNotStuck(() => runners.map((r) => r.loopState())),
  );
  return rpcSubject;
};

/**
 * Starts the sync orchestrator: migrations, JetStream provisioning, its projections, the HTTP API (port 3002 by
 * default), the sync-request RPC, the ClioConnected and ConnectionRevoked consumers, the stall timer and the
 * scheduler (scheduled and reconciliation syncs). Resolves once all listen.
 */
export const startOrchestrator = async (config: OrchestratorConfig): Promise<Orchestrator> => {
  const log = config.logger ?? createLogger({ name: 'sync-orchestrator' });
  startProcessMetrics('sync-orchestrator');
  // Its three projection loops, its consumers and the sync RPC (one transaction each at a time), HTTP and timers.
  const { db } = createBudgetedDb<OrchestratorDb>(log, {
    url: config.databaseUrl,
    applicationName: 'sync-orchestrator',
    parts: { projections: 3, consumers: 4, httpAndTimers: 3 },
    override: config.dbPoolMax,
  });
  const closers: Closers = [() => db.destroy()];
  const unregisterGauges = registerJobGauges(db);
  closers.push(async () => unregisterGauges());
  const closeAll = async (): Promise<void> => {
    for (const c of closers.splice(0).reverse()) await c();
  };
  try {
    await migrateToLatest(db, ORCHESTRATOR_MIGRATION_SETS);
    const nc = await connectServiceNats('sync-orchestrator', config, log);
    closers.push(() => nc.drain());
    const topology = defineTopology({
      ...config.topology,
      consumers: orchestratorConsumerOptions(),
    });
    await provision(await jetstreamManager(nc), topology);
    const [syncJobs, connections] = ownProjections();
    if (config.runProjections ?? true) {
      const own = [syncJobs, connections].map((p) => widenProjection<SyncReadModelTables, OrchestratorDb>(p));
      const schedules = widenProjection<Pick<OrchestratorTables, 'sync_schedules'>, OrchestratorDb>(
        syncSchedulesProjection,
      );
      const runner = startProjectionRunner(db, [...own, schedules], {
        onError: (name, e) =>
          log.error(
            { projection: name, err: e instanceof Error ? e.name : 'unknown' },
            'projection batch failed; retrying',
          ),
      });
      closers.push(() => runner.stop());
    }
    const now = config.clock ?? (() => new Date());
    // One health read for the scheduler's interval and the status: the webhooks service's own tables.
    const webhookHealth = config.webhookHealth ?? webhookHealthFromDb(db, now);
    const deps = syncDeps(db, {
      log,
      policy: syncPolicyConfig(config.policy),
      now,
      ...(config.unclaimedAfterMs === undefined ? {} : { unclaimedAfterMs: config.unclaimedAfterMs }),
      webhookHealth,
    });
    const service = createSyncService(deps);
    const schedules = createScheduleService({
      db,
      now: deps.now,
      newId: deps.newId,
      maxAttempts: deps.maxAttempts,
      ...(config.scheduler ? { config: config.scheduler } : {}),
      webhookHealth,
    });
    // Filled as the loops start (HTTP listens first); `/health/ready` asks each on every call.
    const loops = new Map<string, LoopCheck>();
    const live = new LiveStreams(
      new FirmFeeds((firmId, after, onMessage) => openFirmTail(nc, topology, firmId, after, onMessage)),
    );
    const port = await startHttp(
      {
        service,
        processing: createProcessingService(deps, service),
        schedules,
        db,
        nc,
        loops,
        topology,
        live,
        ...(config.statusPageTokenUrl ? { statusPageTokenUrl: config.statusPageTokenUrl } : {}),
      },
      config,
      log,
      closers,
    );
    // Before the HTTP server closes (closers run last first): an open stream would keep it waiting.
    closers.push(() => live.closeAll());
    const rpcSubject = await startMessaging(
      { nc, db, topology, service, deps, connections, syncJobs, loops },
      log,
      closers,
    );
    const stall = startStallTimer(service, config.stallCheckIntervalMs ?? 30_000, log);
    closers.push(() => stall.stop());
    if (config.schedulerTickMs !== 0) {
      const scheduler = createScheduler({
        db,
        service,
        now: deps.now,
        ...(config.scheduler ? { config: config.scheduler } : {}),
        webhookHealth,
        ...(config.schedulerLeaseMs === undefined ? {} : { leaseMs: config.schedulerLeaseMs }),
      });
      const loop = startSchedulerLoop(scheduler, config.schedulerTickMs ?? 10_000, log);
      closers.push(() => loop.stop());
    }
    log.info({ port, namespace: topology.namespace, rpcSubject }, 'sync orchestrator started');
    return { url: `http://127.0.0.1:${port}`, port, rpcSubject, service, close: closeAll };
  } catch (e) {
    await closeAll();
    throw e;
  }
};
