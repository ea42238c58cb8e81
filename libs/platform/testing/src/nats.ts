import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';
import { connectionOptionsOf, natsIdentityFromEnv } from '@sf/messaging';

/** The test run's server: the locked one Jest's global setup started (tools/jest-global-setup.js). */
export const TEST_NATS_URL = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';

/**
 * A connection to the test run's nats-server as the identity the environment names (the `test` identity under
 * Jest); tests create streams and consumers with uniqueName() and delete them.
 */
export const connectTestNats = (): Promise<NatsConnection> =>
  connect({ ...connectionOptionsOf(natsIdentityFromEnv()), servers: TEST_NATS_URL, name: 'jest' });
