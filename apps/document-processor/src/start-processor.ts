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
import { PROCESSOR_MIGRATION_SETS } from './schema/processor-schema';
import { jwtAuthConfigFromEnv } from '@sf/http-auth';
import { defineTopology, provision, rebaseSubject } from '@sf/messaging';
import { checkReadiness, mountApiDocs } from '@sf/service-kit';
import { ProcessorModule } from './health/processor.module';
import { processorConsumerOptions, startIntake } from './intake/intake';
import { PROCESSOR_API_INFO } from './api-info';
import { createLogger } from './log';
import type { ProcessorConfig } from './processor-config';
import { downloadHashStep } from './steps/download-hash-step';
import { startJobWorkers } from './worker/job-workers';

export interface Processor {
  /** Base URL of the health server, e.g. `http://127.0.0.1:3004`. */
  url: string;
  port: number;
  /** Jobs running right now in this process. */
  activeJobs(): number;
  /** Graceful stop: consumers stop, running jobs give their lease back (another replica resumes them), then HTTP, NATS, pool. */
  close(): Promise<void>;
}

/**
 * Starts the document-processor: migrations, JetStream provisioning, the `JobStarted`/`JobCancelled` consumers
 * (into the work queue), `config.jobSlots` job workers and the health server (port 3004 by default).
 */
export const startProcessor = async (config: ProcessorConfig): Promise<Processor> => {
  const log = config.logger ?? createLogger({ level: config.logLevel });
  const db = createDb({ url: config.databaseUrl, max: config.jobSlots * (config.concurrency + 2) + 4, applicationName: 'document-processor' });
  const closers: Array<() => Promise<unknown>> = [() => db.destroy()];
  const closeAll = async (): Promise<void> => {
    for (const c of closers.splice(0).reverse()) await c();
  };
  try {
    await migrateToLatest(db, PROCESSOR_MIGRATION_SETS);
    const nc = await connect({ servers: config.natsUrl, name: 'document-processor' });
    closers.push(() => nc.drain());
    const topology = defineTopology({ ...config.topology, consumers: processorConsumerOptions() });
    await provision(await jetstreamManager(nc), topology);
    const tokens = config.tokens ?? createNatsTokenProvider(nc, { subject: config.tokenSubject ?? rebaseSubject(topology.namespace, RpcSubjects.accessToken) });

    const app: INestApplication = await NestFactory.create(
      ProcessorModule.forRoot(() => checkReadiness(db, nc), config.jwt ?? jwtAuthConfigFromEnv()), new ExpressAdapter(), { logger: false },
    );
    closers.push(() => app.close());
    mountApiDocs(app, PROCESSOR_API_INFO);
    await (config.host === undefined ? app.listen(config.port) : app.listen(config.port, config.host));
    const port = (app.getHttpServer().address() as AddressInfo).port;

    const intake = await startIntake(nc, db, topology, log);
    closers.push(() => Promise.all(intake.map((r) => r.stop())));
    const workers = startJobWorkers({
      db, tokens, log, workerId: config.workerId, leaseMs: config.leaseMs, pollMs: config.pollMs, slots: config.jobSlots,
      concurrency: config.concurrency, retry: { attempts: config.maxAttempts, baseMs: config.retryBaseMs },
      steps: [downloadHashStep(config.lane), ...(config.extraSteps ?? [])], ...(config.client ? { client: config.client } : {}),
    });
    closers.push(() => workers.stop());
    log.info({ port, jobSlots: config.jobSlots, concurrency: config.concurrency, workerId: config.workerId }, 'document-processor started');
    return { url: `http://127.0.0.1:${port}`, port, activeJobs: () => workers.active(), close: closeAll };
  } catch (e) {
    await closeAll();
    throw e;
  }
};
