import { AckPolicy, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { nanos, type NatsConnection } from '@nats-io/nats-core';
import { connectTestNats, uniqueName } from '@sf/testing';
import { provision } from './provision';
import { deleteStreams, testTopology } from './testing/messaging-test-kit';

describe('provision', () => {
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  const id = uniqueName('prov');
  const topology = testTopology(id, [{ name: 'projector', maxDeliver: 4, ackWaitMs: 5_000, maxAckPending: 50 }]);

  beforeAll(async () => {
    nc = await connectTestNats();
    jsm = await jetstreamManager(nc);
  });
  afterAll(async () => {
    await deleteStreams(jsm, topology);
    await nc.close();
  });

  it('creates the streams and durable consumers as configured, then converges on re-runs and config changes', async () => {
    const first = await provision(jsm, topology);
    expect(first.streams.map((s) => s.action)).toEqual(['created', 'created', 'created']);
    const changes = await jsm.streams.info(topology.streams.changes.name);
    expect(changes.config.subjects).toEqual([`${topology.namespace}.changes.>`]);
    expect(first.consumers).toEqual([{ name: 'projector', action: 'created' }]);

    const events = await jsm.streams.info(topology.streams.events.name);
    expect(events.config).toMatchObject({
      subjects: [`${id}.events.>`],
      storage: 'file',
      retention: 'limits',
      duplicate_window: nanos(120_000),
    });
    const c = await jsm.consumers.info(topology.streams.events.name, 'projector');
    expect(c.config).toMatchObject({
      ack_policy: AckPolicy.Explicit,
      max_deliver: 5, // maxDeliver + the spare delivery for a failed dead-letter copy
      ack_wait: nanos(5_000),
      max_ack_pending: 50,
      backoff: [nanos(5_000), nanos(10_000), nanos(20_000), nanos(40_000)],
      filter_subject: `${id}.events.>`,
    });

    const again = await provision(jsm, topology);
    expect(again.streams.map((s) => s.action)).toEqual(['updated', 'updated', 'updated']);

    const changed = testTopology(id, [{ name: 'projector', maxDeliver: 4, ackWaitMs: 5_000, maxAckPending: 80 }]);
    await provision(jsm, changed);
    expect((await jsm.consumers.info(topology.streams.events.name, 'projector')).config.max_ack_pending).toBe(80);
  });

  it('refuses to paper over a consumer whose ack policy differs from the config', async () => {
    await jsm.consumers.add(topology.streams.events.name, { durable_name: 'drifted', ack_policy: AckPolicy.All });
    await expect(provision(jsm, testTopology(id, [{ name: 'drifted' }]))).rejects.toThrow(/ack_policy is all/);
  });
});
