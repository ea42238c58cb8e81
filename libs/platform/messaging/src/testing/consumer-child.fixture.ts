// Test fixture: a consumer process whose handler records an effect row per event. Started by
// consumer-process.int-spec.ts. With SF_TEST_FAULT=consumer-exit-after-commit it SIGKILLs itself right after its
// first transaction commits, before any message is acked.
import { connect } from '@nats-io/transport-node';
import { sql } from 'kysely';
import { createDb } from '@sf/db';
import { connectionOptionsOf, natsIdentityFromEnv } from '../connection/nats-identity';
import { createConsumerRunner } from '../consumer/consumer-runner';
import { Disposition } from '../consumer/disposition';
import { topologyOptionsFromEnv, defineTopology, type ConsumerOptions } from '../topology';
import type { ConsumerTables } from '../consumer/consumer-runner';

const main = async (): Promise<void> => {
  const env = process.env;
  const consumer = JSON.parse(env['SF_TEST_CONSUMER'] ?? '{}') as ConsumerOptions;
  const topology = defineTopology({ ...topologyOptionsFromEnv(env), consumers: [consumer] });
  const db = createDb<ConsumerTables>({ url: env['DATABASE_URL']!, max: 2 });
  const nc = await connect({
    ...connectionOptionsOf(natsIdentityFromEnv(env)),
    servers: env['NATS_URL'] ?? 'nats://127.0.0.1:4222',
  });
  const runner = createConsumerRunner({
    nc,
    db,
    topology,
    consumer: topology.consumers[0]!,
    handler: async (e, trx) => {
      await sql`insert into test_effects (event_id) values (${e.eventId}::uuid)`.execute(trx);
      return Disposition.ack;
    },
    ...(env['SF_TEST_FAULT'] === 'consumer-exit-after-commit'
      ? { faults: { afterCommit: () => process.kill(process.pid, 'SIGKILL') } }
      : {}),
  });
  await runner.start();
  process.stdout.write('consumer started\n');
  process.once('SIGTERM', () => {
    void (async () => {
      await runner.stop();
      await nc.close();
      await db.destroy();
      process.exit(0);
    })();
  });
};

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
