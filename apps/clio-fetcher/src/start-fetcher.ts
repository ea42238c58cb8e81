import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import { jetstreamManager } from '@nats-io/jetstream';
import { connect } from '@nats-io/transport-node';
import { RpcSubjects } from '@sf/contracts';
import { createNatsTokenProvider } from '@sf/clio-client';
import { createDb, migrateToLatest } from '@sf/db';
import { FETCHER_MIGRATION_SETS } from './schema/fetcher-schema';
import { jwtAuthConfigFromEnv } from '@sf/http-auth';
import { defineTopology, provision, rebaseSubject } from '@sf/messaging';
import { checkReadiness, mountApiDocs } from '@sf/service-kit';
import type { FetcherConfig } from './fetcher-config';
import { FetcherModule } from './health/fetcher.module';
import { fetcherConsumerOptions, startIntake } from './intake/intake-consumers';
import { FETCHER_API_INFO } from './api-info';
import { createLogger } from './log';
import { startJobWorkers } from './worker/job-worker';

export interface Fetcher {
  /** Base URL of the health server, e.g. `http://127.0.0.1:3003`. */
  url: string;
  port: number;
  /** Jobs running right now in this process. */
  activeJobs(): number;
  /**
   * Graceful stop: consumers stop taking requests, running jobs finish the page in flight and give their
   * lease back (another replica resumes them at once), then HTTP, NATS and the pool close.
   */
  close(): Promise<void>;
}

/**
 * Starts the clio-fetcher: migrations, JetStream provisioning, the intake consumers (requests and controls into
 * the work queue), `config.workers` job slots, and the health server (port 3003 by default).
 */
export const startFetcher = async (config: FetcherConfig): Promise<Fetcher> => {
  const log = config.logger ?? createLogger({ level: config.logLevel });
  const db = createDb({ url: config.databaseUrl, max: config.workers * 2 + 6, applicationName: 'clio-fetcher' });
  const closers: Array<() => Promise<unknown>> = [() => db.destroy()];
  const closeAll = async (): Promise<void> => {
    for (const c of closers.splice(0).reverse()) await c();
  };
  try {
    await migrateToLatest(db, FETCHER_MIGRATION_SETS);
    const nc = await connect({ servers: config.natsUrl, name: 'clio-fetcher' });
    closers.push(() => nc.drain());
    const topology = defineTopology({ ...config.topology, consumers: fetcherConsumerOptions() });
    await provision(await jetstreamManager(nc), topology);
    const tokens = config.tokens ?? createNatsTokenProvider(nc, { subject: config.tokenSubject ?? rebaseSubject(topology.namespace, RpcSubjects.accessToken) });

    const app: INestApplication = await NestFactory.create(
      FetcherModule.forRoot(() => checkReadiness(db, nc), config.jwt ?? jwtAuthConfigFromEnv()), new ExpressAdapter(), { logger: false },
    );
    closers.push(() => app.close());
    mountApiDocs(app, FETCHER_API_INFO);
    await (config.host === undefined ? app.listen(config.port) : app.listen(config.port, config.host));
    const port = (app.getHttpServer().address() as AddressInfo).port;

    const intake = await startIntake(nc, db, topology, log);
    closers.push(() => Promise.all(intake.map((r) => r.stop())));
    const workers = startJobWorkers({ db, config, log, tokens });
    closers.push(() => workers.stop());
    log.info({ port, workers: config.workers, workerId: config.workerId, namespace: topology.namespace }, 'clio-fetcher started');
    return { url: `http://127.0.0.1:${port}`, port, activeJobs: () => workers.active(), close: closeAll };
  } catch (e) {
    await closeAll();
    throw e;
  }
};
