// Test-only: the webhooks service (ingress, registrar, applier) beside a SyncHarness, on its database, topology and
// simulator, so webhooks and scheduled syncs write the same mirror.
import { randomBytes } from 'node:crypto';
import { createDb } from '@sf/db';
import { freePort, waitFor } from '@sf/testing';
import { createKeyring } from '@sf/token-vault';
import type { SyncHarness } from '../../apps/clio-fetcher/src/testing/sync-harness';
import { liveSubscriptions } from '../../apps/webhooks/src/registration/subscription-repository';
import { TEST_JWT_SECRET } from '../../apps/webhooks/src/testing/webhooks-harness';
import { webhooksConfig } from '../../apps/webhooks/src/webhooks-config';
import { startWebhooks, type WebhooksService } from '../../apps/webhooks/src/start-webhooks';
import type { WebhooksDb } from '../../apps/webhooks/src/schema/webhooks-schema';

/** Starts the webhooks service for the harness's (connected) firm and waits until Clio delivers every model. */
export const startWebhooksBeside = async (h: SyncHarness): Promise<WebhooksService> => {
  const port = await freePort();
  const { events, deadLetters } = h.topology.streams;
  const service = await startWebhooks(
    webhooksConfig({
      databaseUrl: h.t.url,
      natsUrl: process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222',
      port,
      host: '127.0.0.1',
      logLevel: 'error',
      topology: {
        namespace: h.topology.namespace,
        eventsStream: events.name,
        deadLetterStream: deadLetters.name,
        eventsMaxAgeMs: 3_600_000,
        deadLetterMaxAgeMs: 3_600_000,
      },
      keyring: createKeyring([['k1', randomBytes(32)]], 'k1'),
      publicUrl: `http://127.0.0.1:${port}`,
      registrarIntervalMs: 200,
      applierPollMs: 20,
      jwt: {
        alg: 'HS256',
        secret: Buffer.from(TEST_JWT_SECRET),
        leewaySeconds: 30,
        claims: { firmId: 'firm_id', userId: 'sub' },
      },
    }),
  );
  const db = createDb<WebhooksDb>({ url: h.t.url, max: 1 });
  try {
    await waitFor(
      () => liveSubscriptions(db, h.firmId),
      (subs) => subs.length === 7 && subs.every((s) => s.status === 'active'),
      { timeoutMs: 60_000, description: 'every model registered' },
    );
  } finally {
    await db.destroy();
  }
  await waitFor(
    () => h.sim.edge.webhooks.registry.list(),
    (hooks) => hooks.length === 7 && hooks.every((w) => w.status === 'enabled'),
    { timeoutMs: 60_000, description: 'every webhook enabled in Clio' },
  );
  return service;
};
