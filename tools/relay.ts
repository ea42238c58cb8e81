// `node -r @swc-node/register tools/relay.ts`: runs the log relay against DATABASE_URL and NATS_URL until
// SIGINT/SIGTERM. Provisions the streams at startup. Several copies may run: one publishes, the others wait.
//
// Environment: DATABASE_URL, NATS_URL (default nats://127.0.0.1:4222), SF_RELAY_NAME (default main),
// SF_NATS_NAMESPACE / SF_EVENTS_STREAM / SF_DLQ_STREAM / SF_NATS_REPLICAS (see topologyOptionsFromEnv),
// SF_RELAY_STATUS_MS (status log period, default 10 000; 0 = off), LOG_LEVEL (default info).
// Test-only: SF_TEST_FAULT=relay-exit-after-publish makes the process SIGKILL itself after the first batch's
// PubAcks and before its checkpoint (to prove a crash there publishes nothing twice downstream).
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { createDb, databaseUrlFromEnv, migrateToLatest } from '@sf/db';
import { eventStoreMigrations, type EventStoreTables } from '@sf/event-store';
import { createLogger } from '@sf/logging';
import { createRelay, defineTopology, provision, topologyOptionsFromEnv, type RelayFaults } from '@sf/messaging';

// `name` is the logger's own field (the process); the relay instance is logged as `relay`.
const statusFields = ({ name, ...rest }: { name: string }): Record<string, unknown> => ({ relay: name, ...rest });

const log = createLogger({ name: 'relay', level: process.env['LOG_LEVEL'] || 'info' });

const faultsFromEnv = (env: NodeJS.ProcessEnv): RelayFaults => {
  if (env['SF_TEST_FAULT'] !== 'relay-exit-after-publish') return {};
  return {
    afterPublish: (batch) => {
      log.info({ batch: batch.length }, 'test fault: killing the relay after publish, before checkpoint');
      process.kill(process.pid, 'SIGKILL');
    },
  };
};

const main = async (): Promise<void> => {
  const env = process.env;
  const url = databaseUrlFromEnv(env);
  const name = env['SF_RELAY_NAME'] ?? 'main';
  const topology = defineTopology(topologyOptionsFromEnv(env));
  const db = createDb<EventStoreTables>({ url, max: 4, applicationName: `relay:${name}` });
  const nc = await connect({ servers: env['NATS_URL'] ?? 'nats://127.0.0.1:4222', name: `relay:${name}` });
  await migrateToLatest(db, [eventStoreMigrations]);
  await provision(await jetstreamManager(nc), { ...topology, consumers: [] });

  const relay = createRelay({
    name,
    db,
    lockUrl: url,
    nc,
    topology,
    faults: faultsFromEnv(env),
    onError: (err) => log.error({ err }, 'relay batch failed; retrying from checkpoint'),
  });
  const statusMs = Number(env['SF_RELAY_STATUS_MS'] ?? 10_000);
  const timer =
    statusMs > 0 ? setInterval(() => log.info(statusFields(relay.status()), 'relay status'), statusMs) : undefined;

  let stopping: Promise<void> | undefined;
  const shutdown = (signal: string): void => {
    stopping ??= (async () => {
      log.info({ signal }, 'stopping');
      clearInterval(timer);
      await relay.stop();
      await nc.drain();
      await db.destroy();
      log.info(statusFields(relay.status()), 'stopped');
    })();
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));

  log.info({ relay: name, stream: topology.streams.events.name, namespace: topology.namespace }, 'relay started');
  await relay.run();
  await stopping;
};

main().catch((err: unknown) => {
  log.fatal({ err }, 'relay crashed');
  process.exit(1);
});
