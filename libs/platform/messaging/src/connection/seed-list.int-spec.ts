import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { startOwnNatsCluster, waitFor, type OwnNatsCluster } from '@sf/testing';
import { connectNats } from './connect-nats';

// NATS_URL may list a cluster's seed servers comma-separated: a process starting while one of them is down still
// connects, to the next.
describe('connectNats with a seed list', () => {
  let cluster: OwnNatsCluster;
  let nc: NatsConnection | undefined;
  beforeAll(async () => {
    cluster = await startOwnNatsCluster(3);
  }, 60_000);
  afterAll(async () => {
    await nc?.close();
    await cluster?.dispose();
  });

  it('connects through the next seed when the first is down', async () => {
    await cluster.nodes[0]!.kill();
    nc = await connectNats({ name: 'seed-list-test', settings: { url: cluster.url, giveUpAfterMs: 20_000 } });
    expect(cluster.nodes.slice(1).map((n) => n.port)).toContain(Number(new URL(`nats://${nc.getServer()}`).port));
    // The killed node may have led the JetStream meta group: the API answers once the others elected a leader.
    const client = nc;
    const info = await waitFor(
      () =>
        jetstreamManager(client)
          .then((jsm) => jsm.getAccountInfo())
          .catch(() => undefined),
      (i) => i !== undefined,
      { timeoutMs: 30_000, description: 'JetStream account info through the remaining nodes' },
    );
    expect(info).toBeDefined();
  }, 60_000);
});
