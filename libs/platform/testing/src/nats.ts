import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';

/** The test run's server: the locked one Jest's global setup started (tools/jest-global-setup.js). */
export const TEST_NATS_URL = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';

/**
 * A connection to the test run's nats-server as the identity the global setup exported (the unrestricted `test`
 * user; the services themselves connect through `connectNats` of @sf/messaging, which this lib cannot import since
 * that lib's tests import this one). Tests create streams and consumers with uniqueName() and delete them.
 */
export const connectTestNats = (): Promise<NatsConnection> => {
  const user = process.env['NATS_USER'];
  return connect({
    servers: TEST_NATS_URL,
    name: 'jest',
    ...(user ? { user, pass: process.env['NATS_PASSWORD'] ?? '' } : {}),
  });
};
