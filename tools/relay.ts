// `node -r @swc-node/register tools/relay.ts`: runs the log relay against DATABASE_URL and NATS_URL until
// SIGINT/SIGTERM. Provisions the streams at startup. Several copies may run: one publishes, the others wait.
//
// Environment: DATABASE_URL, NATS_URL (default nats://127.0.0.1:4222), SF_RELAY_NAME (default main),
// SF_NATS_NAMESPACE / SF_EVENTS_STREAM / SF_DLQ_STREAM / SF_NATS_REPLICAS (see topologyOptionsFromEnv),
// SF_RELAY_STATUS_MS (status log period, default 10 000; 0 = off), LOG_LEVEL (default info), HEALTH_PORT (serves
// /health/live, /health/ready: Postgres, NATS and lag within SF_READY_MAX_LAG_S (60), and /metrics; unset = none,
// 0 = a free port), and the NATS client's
// SF_NATS_RECONNECT_* / SF_NATS_GIVE_UP_MS (natsClientSettingsFromEnv). SF_CHANGE_RELAY (default on; `off`):
// the same process also runs the change relay, which publishes the mirror's record changes (`clio_record_changes`,
// migrated by the projections) to `sf.changes.<firmId>.<entityType>` (one active instance, its own advisory lock).
// Test-only: SF_TEST_FAULT=relay-exit-after-publish makes the process SIGKILL itself after the first batch's
// PubAcks and before its checkpoint (to prove a crash there publishes nothing twice downstream).
import './otel';
import { jetstreamManager } from '@nats-io/jetstream';
import { databaseUrlFromEnv, dbPoolMaxFromEnv, migrateToLatest } from '@sf/db';
import { checkpointLag, eventStoreMigrations, type CheckpointLag, type EventStoreTables } from '@sf/event-store';
import { changeRelayLag, changeTableExists, createChangeRelay, type ClioMirrorTables } from '@sf/clio-mirror';
import { relayLagEvents, relayLagSeconds, startProcessMetrics } from '@sf/metrics';
import { createLogger } from '@sf/logging';
import {
  createRelay,
  defineTopology,
  relayCheckpointName,
  natsClientSettingsFromEnv,
  provision,
  topologyOptionsFromEnv,
  type RelayFaults,
} from '@sf/messaging';
import {
  checkNats,
  checkPostgres,
  connectServiceNats,
  createBudgetedDb,
  exitOnFatal,
  lagWithin,
  startHealthServer,
} from '@sf/service-kit';

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
  startProcessMetrics('relay');
  // The publish loop's reads and checkpoint, with the lag probes.
  const { db } = createBudgetedDb<EventStoreTables & ClioMirrorTables>(log, {
    url,
    applicationName: `relay:${name}`,
    parts: { relay: 2, probes: 2 },
    override: dbPoolMaxFromEnv(env),
  });
  const lag = (): ReturnType<typeof checkpointLag> => checkpointLag(db, relayCheckpointName(name));
  relayLagEvents.source(async () => [{ labels: { relay: name }, value: (await lag()).events }]);
  relayLagSeconds.source(async () => [{ labels: { relay: name }, value: (await lag()).seconds }]);
  const nats = natsClientSettingsFromEnv(env);
  const nc = await connectServiceNats(`relay:${name}`, { natsUrl: nats.url, nats, onFatal: exitOnFatal(log) }, log);
  await migrateToLatest(db, [eventStoreMigrations]);
  const provisionStreams = async (): Promise<unknown> =>
    provision(await jetstreamManager(nc), { ...topology, consumers: [] });
  await provisionStreams();
  const healthPort = env['HEALTH_PORT'];
  const maxLagSeconds = Number(env['SF_READY_MAX_LAG_S'] || 60);
  const health =
    healthPort === undefined || healthPort === ''
      ? undefined
      : await startHealthServer({
          port: Number(healthPort),
          host: env['HOST'] || undefined,
          probe: async () => ({
            postgres: await checkPostgres(db),
            nats: await checkNats(nc),
            // The relay's own loop: it keeps up with the log (a standby reads the active one's checkpoint).
            lag: await Promise.resolve(lagWithin(lag, maxLagSeconds)()).catch(() => 'down' as const),
          }),
        });

  const relay = createRelay({
    name,
    db,
    lockUrl: url,
    nc,
    topology,
    faults: faultsFromEnv(env),
    recover: provisionStreams,
    onError: (err) => log.error({ err }, 'relay batch failed; retrying from checkpoint'),
  });
  const changeRelay =
    env['SF_CHANGE_RELAY'] === 'off'
      ? undefined
      : createChangeRelay({
          db,
          lockUrl: url,
          nc,
          topology,
          onError: (err) => log.error({ err }, 'change relay batch failed; retrying'),
        });
  const changeRun = changeRelay?.run();
  if (changeRelay) {
    // The change relay's lag (`relay="changes"`): recorded changes after its cursor; none until the mirror migrated.
    const changeLag = async (): Promise<CheckpointLag> =>
      (await changeTableExists(db)) ? changeRelayLag(db) : { events: 0, seconds: 0 };
    const labels = { relay: 'changes' };
    relayLagEvents.source(async () => [{ labels, value: (await changeLag()).events }]);
    relayLagSeconds.source(async () => [{ labels, value: (await changeLag()).seconds }]);
  }
  const statusMs = Number(env['SF_RELAY_STATUS_MS'] ?? 10_000);
  const timer =
    statusMs > 0 ? setInterval(() => log.info(statusFields(relay.status()), 'relay status'), statusMs) : undefined;

  let stopping: Promise<void> | undefined;
  const shutdown = (signal: string): void => {
    stopping ??= (async () => {
      log.info({ signal }, 'stopping');
      clearInterval(timer);
      await relay.stop();
      await changeRelay?.stop();
      await changeRun;
      await health?.close();
      await nc.drain();
      await db.destroy();
      log.info(statusFields(relay.status()), 'stopped');
    })();
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));

  log.info(
    { relay: name, stream: topology.streams.events.name, namespace: topology.namespace, healthPort: health?.port },
    'relay started',
  );
  await relay.run();
  await stopping;
};

main().catch((err: unknown) => {
  log.fatal({ err }, 'relay crashed');
  process.exit(1);
});
