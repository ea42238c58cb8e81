import { connect } from '@nats-io/transport-node';
import type { NatsConnection } from '@nats-io/nats-core';

export const TEST_NATS_URL = process.env['NATS_URL'] ?? 'nats://127.0.0.1:4222';

/** A connection to the local nats-server; tests create streams and consumers with uniqueName() and delete them. */
export const connectTestNats = (): Promise<NatsConnection> => connect({ servers: TEST_NATS_URL, name: 'jest' });
