import { webhookDeliveries, webhookFetches } from '@sf/metrics';
import { createClioClient, clioTokenProvider, type ClioClient } from '@sf/clio-client';
import { startPeriodicPass, tablesOf } from '@sf/db';
import type { EventStoreTables } from '@sf/event-store';
import { createLogger } from '@sf/logging';
import { bootService, ReadinessChecks, type BootedService } from '@sf/service-kit';
import { WEBHOOKS_API_INFO } from './api-info';
import { applyOnce } from './apply/webhook-applier';
import { natsWebhookSyncRequester } from './apply/sync-request';
import { pruneRecentVersions, RECENT_VERSIONS_PRUNE_EVERY_MS } from './apply/recent-versions';
import { startLoop } from './background-loop';
import { InboxBatcher } from './ingress/inbox-batcher';
import { IngressCounters } from './ingress/ingress-counters';
import type { IngressDeps } from './ingress/receive-delivery';
import { SubscriptionCache } from './ingress/subscription-cache';
import { registrarPass } from './registration/registrar-pass';
import { WEBHOOKS_MIGRATION_SETS, type WebhooksDb } from './schema/webhooks-schema';
import type { WebhooksConfig } from './webhooks-config';
import { WebhooksModule } from './webhooks.module';
import { registerWebhookHealthGauge, registerWebhookInboxGauges } from './webhook-gauges';

export interface WebhooksService extends BootedService {
  /** What the ingress answered, per firm (in this process; rejections are written nowhere). */
  readonly counters: IngressCounters;
}

/**
 * Starts the webhooks service with its roles: the ingress (public `POST /webhooks/clio/{subscriptionId}`), the
 * registrar (a pass over connected firms every `registrarIntervalMs`) and the applier (a log tail that applies
 * deliveries to the mirror). `close()` stops the loops, then HTTP, NATS and the pool.
 */
export const startWebhooks = async (config: WebhooksConfig): Promise<WebhooksService> => {
  const log = config.logger ?? createLogger({ name: 'webhooks', level: config.logLevel });
  const counters = new IngressCounters();
  const has = (r: string): boolean => config.roles.some((x) => x === r);
  let ingress: IngressDeps | null = null;
  const service = await bootService<WebhooksDb>({
    name: 'webhooks',
    config,
    log,
    pool: { parts: { roles: 10, probes: 2 } },
    migrations: WEBHOOKS_MIGRATION_SETS,
    consumers: [],
    // Recording a delivery needs Postgres alone: with NATS down the ingress keeps answering Clio (ready), and the
    // registrar and applier, which need NATS for tokens and sync requests, wait for it (reported in `checks`).
    ...(has('ingress') ? { readyNeeds: [ReadinessChecks.postgres] } : {}),
    httpModule: (readiness, jwt, db) => {
      if (has('ingress'))
        ingress = {
          inbox: new InboxBatcher(tablesOf<EventStoreTables, WebhooksDb>(db)),
          subscriptions: new SubscriptionCache(db, config.keyring, config.subscriptionCacheMs),
          counters,
          clock: () => new Date(),
        };
      return WebhooksModule.forRoot(readiness, jwt, ingress);
    },
    apiInfo: WEBHOOKS_API_INFO,
    start: async ({ db, nc, topology, port, onClose }) => {
      const tokens = clioTokenProvider(nc, topology.namespace, config);
      const clientFor = (firmId: string): ClioClient =>
        createClioClient({ db, firmId, tokens, maxWaitMs: 20_000, ...config.client });
      const clioClock = config.clioClock ?? (() => new Date());
      if (has('registrar')) {
        const deps = {
          db,
          keyring: config.keyring,
          clientFor,
          publicUrl: config.publicUrl,
          clock: clioClock,
          wallClock: Date.now,
          policy: config.renewal,
        };
        const loop = startLoop(
          async () => {
            await registrarPass(deps, (firmId, err) =>
              log.error({ firmId, err: err instanceof Error ? err.name : 'unknown' }, 'webhook registration failed'),
            );
            return false;
          },
          config.registrarIntervalMs,
          (err) => log.error({ err: err instanceof Error ? err.name : 'unknown' }, 'registrar pass failed'),
        );
        onClose(() => loop.stop());
        const off = registerWebhookHealthGauge(db, clioClock);
        onClose(async () => off());
      }
      if (has('applier')) {
        const off = registerWebhookInboxGauges(db);
        onClose(async () => off());
        const deps = {
          db,
          clientFor,
          requestSync: natsWebhookSyncRequester(nc, topology.namespace),
          clock: () => new Date(),
          batchSize: config.applierBatch,
        };
        const pruner = startPeriodicPass({
          pass: () => pruneRecentVersions(db),
          everyMs: RECENT_VERSIONS_PRUNE_EVERY_MS,
          onError: (err) =>
            log.warn({ err: err instanceof Error ? err.name : 'unknown' }, 'recent versions prune failed'),
        });
        onClose(() => pruner.stop());
        const loop = startLoop(
          async () => {
            const pass = await applyOnce(deps);
            if (pass.applied > 0) webhookDeliveries.inc({ outcome: 'applied' }, pass.applied);
            for (const [cause, n] of Object.entries(pass.fetchedByCause)) webhookFetches.inc({ cause }, n);
            return pass.read > 0;
          },
          config.applierPollMs,
          (err) => log.error({ err: err instanceof Error ? err.name : 'unknown' }, 'applier pass failed; retrying'),
        );
        onClose(() => loop.stop());
      }
      log.info({ port, roles: config.roles }, 'webhooks service started');
    },
  });
  return { ...service, counters };
};
