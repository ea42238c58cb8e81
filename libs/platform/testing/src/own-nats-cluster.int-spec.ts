import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/nats-core';
import { connect } from '@nats-io/transport-node';
import { startOwnNatsCluster, type OwnNatsCluster } from './own-nats-cluster';
import { waitFor } from './wait-for';

describe('startOwnNatsCluster', () => {
  let cluster: OwnNatsCluster;
  let nc: NatsConnection | undefined;
  beforeAll(async () => {
    cluster = await startOwnNatsCluster(3);
  }, 60_000);
  afterAll(async () => {
    await nc?.close();
    await cluster?.dispose();
  });

  it('runs 3 routed JetStream nodes: a stream of 3 replicas keeps every message when one node is killed', async () => {
    expect(cluster.nodes).toHaveLength(3);
    expect(cluster.url.split(',')).toHaveLength(3);
    // As the run's test identity: the nodes run the locked configuration.
    const user = process.env['NATS_USER'];
    const login = user ? { user, pass: process.env['NATS_PASSWORD'] ?? '' } : {};
    nc = await connect({ servers: cluster.url.split(','), name: 'cluster-test', ...login });
    const jsm = await jetstreamManager(nc);
    await jsm.streams.add({ name: 'CLUSTER_TEST', subjects: ['cluster.test.>'], num_replicas: 3 });
    const js = jetstream(nc);
    for (let i = 0; i < 10; i++) await js.publish('cluster.test.a', `m${i}`);
    const info = await jsm.streams.info('CLUSTER_TEST');
    expect(1 + (info.cluster?.replicas?.length ?? 0)).toBe(3);

    // Kill the node holding the stream's leadership: another becomes leader, nothing is lost, publishes go on.
    const leader = cluster.nodes.find((n) => info.cluster?.leader?.endsWith(`-${n.name}`))!;
    await leader.kill();
    expect(leader.running()).toBe(false);
    await waitFor(
      async () =>
        js.publish('cluster.test.a', 'after').then(
          () => true,
          () => false,
        ),
      (ok) => ok,
      { timeoutMs: 30_000, intervalMs: 250, description: 'a publish acked after the leader died' },
    );
    const after = await jsm.streams.info('CLUSTER_TEST');
    expect(after.state.messages).toBeGreaterThanOrEqual(11);
    expect(after.cluster?.leader).not.toBe(info.cluster?.leader);

    // It comes back on the same store and catches up.
    await leader.start();
    expect(leader.running()).toBe(true);
    await waitFor(
      () => jsm.streams.info('CLUSTER_TEST'),
      (i) => (i.cluster?.replicas ?? []).every((r) => r.current),
      { timeoutMs: 30_000, intervalMs: 250, description: 'every replica current again' },
    );
  }, 120_000);
});
