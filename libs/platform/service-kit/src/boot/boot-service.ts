import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { DynamicModule, INestApplication } from '@nestjs/common';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import type { Kysely } from 'kysely';
import { migrateToLatest, type MigrationSet } from '@sf/db';
import type { Logger } from 'pino';
import { createBudgetedDb } from './budgeted-db';
import { jwtAuthConfigFromEnv, type JwtAuthConfig } from '@sf/http-auth';
import { httpAccessLog } from '@sf/logging';
import { startProcessMetrics } from '@sf/metrics';
import { defineTopology, provision, type ConsumerOptions, type Topology } from '@sf/messaging';
import type { ServiceConfig } from '../config/service-config';
import { mountApiDocs, type ApiInfo } from '../docs/api-docs';
import { checkReadiness, type ReadinessProbe } from '../health/readiness';
import type { LoopCheck } from '../health/loop-checks';
import { connectServiceNats } from './service-nats';
import { createHttpApp } from '../http/create-http-app';

/**
 * The infrastructure a booted service runs on; `onClose` registers what to stop (in reverse order) on close. `DB` is
 * the service's tables: the ones it owns and the platform's it uses.
 */
export interface ServiceParts<DB> {
  db: Kysely<DB>;
  nc: NatsConnection;
  topology: Topology;
  /** The HTTP port the server listens on. */
  port: number;
  onClose(closer: () => Promise<unknown>): void;
  /** Adds a check of one of the service's own loops to `/health/ready` (e.g. `consumersNotStuck`). */
  addReadinessCheck(name: string, check: LoopCheck): void;
}

export interface BootServiceOptions<DB> {
  /** Application name of the pool and the NATS connection. */
  name: string;
  config: ServiceConfig;
  /** The service's logger; also writes the HTTP access log. */
  log: Logger;
  /**
   * What the service has checked out of its pool at once, part by part (`poolBudget` of `@sf/db`); the pool is their
   * sum unless `config.dbPoolMax` (DB_POOL_MAX) says otherwise, never below `floor`. Logged at start.
   */
  pool: { parts: Record<string, number>; floor?: number };
  /** The migration sets the service brings to latest at start (the platform's, those of the libs it uses, its own). */
  migrations: readonly MigrationSet[];
  /** The service's durable consumers, provisioned with the topology. */
  consumers: ConsumerOptions[];
  /**
   * The checks `/health/ready` depends on (default: every one). A service whose request path needs less than all of
   * them (the webhooks ingress records a delivery in Postgres alone) stays ready, and keeps taking traffic, while the
   * others are down; those are still reported in `checks`.
   */
  readyNeeds?: readonly string[];
  /** The service's root Nest module: its routes behind the JWT guard, health included. */
  httpModule(readiness: ReadinessProbe, jwt: JwtAuthConfig, db: Kysely<DB>): DynamicModule;
  apiInfo: ApiInfo;
  /** Starts the service's own work (consumers, workers) once everything else is up; registers their closers. */
  start(parts: ServiceParts<DB>): Promise<void>;
}

export interface BootedService {
  /** Base URL of the HTTP server, e.g. `http://127.0.0.1:3003`. */
  url: string;
  port: number;
  /** Stops everything `start` registered, then HTTP, NATS and the pool, in reverse order of starting. */
  close(): Promise<void>;
}

/**
 * Boots a service the same way every time: migrations, NATS and JetStream provisioning, the HTTP server (with
 * `/docs`), then the service's own work. A failure part way closes what was started and throws.
 */
export const bootService = async <DB>(o: BootServiceOptions<DB>): Promise<BootedService> => {
  const { config } = o;
  startProcessMetrics(o.name);
  const { db } = createBudgetedDb<DB>(o.log, {
    url: config.databaseUrl,
    applicationName: o.name,
    parts: o.pool.parts,
    override: config.dbPoolMax,
    floor: o.pool.floor,
  });
  const closers: Array<() => Promise<unknown>> = [() => db.destroy()];
  const close = async (): Promise<void> => {
    for (const c of closers.splice(0).reverse()) await c();
  };
  try {
    await migrateToLatest(db, o.migrations);
    const nc = await connectServiceNats(o.name, config, o.log);
    closers.push(() => nc.drain());
    const topology = defineTopology({ ...config.topology, consumers: o.consumers });
    await provision(await jetstreamManager(nc), topology);

    const loops = new Map<string, LoopCheck>();
    const needs = o.readyNeeds === undefined ? undefined : new Set(o.readyNeeds);
    const readiness = () => checkReadiness(db, nc, 2_000, loops, needs);
    const module = o.httpModule(readiness, config.jwt ?? jwtAuthConfigFromEnv(), db);
    const app: INestApplication = await createHttpApp(module);
    closers.push(() => app.close());
    app.use(httpAccessLog(o.log));
    mountApiDocs(app, o.apiInfo);
    await (config.host === undefined ? app.listen(config.port) : app.listen(config.port, config.host));
    const port = (app.getHttpServer().address() as AddressInfo).port;

    await o.start({
      db,
      nc,
      topology,
      port,
      onClose: (c) => closers.push(c),
      addReadinessCheck: (name, check) => loops.set(name, check),
    });
    return { url: `http://127.0.0.1:${port}`, port, close };
  } catch (e) {
    await close();
    throw e;
  }
};
