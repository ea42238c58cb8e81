import { AckPolicy, RetentionPolicy, StorageType } from '@nats-io/jetstream';
import { nanos } from '@nats-io/nats-core';
import { deadLetterSubjectIn, defineTopology, eventSubjectIn, rebaseSubject, topologyOptionsFromEnv } from './topology';

describe('defineTopology', () => {
  it('describes the production streams with explicit retention, storage, replicas, dedupe window and max age', () => {
    const t = defineTopology();
    expect(t.streams.events).toMatchObject({
      name: 'SF_EVENTS',
      subjects: ['sf.events.>'],
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      num_replicas: 1,
      duplicate_window: nanos(120_000),
      max_age: nanos(14 * 24 * 3600 * 1000),
    });
    expect(t.streams.deadLetters).toMatchObject({ name: 'SF_DLQ', subjects: ['sf.dlq.>'], storage: StorageType.File });
  });

  it('gives each consumer explicit ack, ack wait, max deliver (plus one spare), a backoff, and a filter', () => {
    const t = defineTopology({
      replicas: 3,
      consumers: [{ name: 'projector', filterSubject: 'sf.events.*.SyncRequested', maxDeliver: 3 }],
    });
    const c = t.consumers[0]!;
    expect(t.streams.events.num_replicas).toBe(3);
    expect(c).toMatchObject({ name: 'projector', stream: 'SF_EVENTS', maxDeliver: 3, ackWaitMs: 30_000 });
    expect(c.config).toMatchObject({
      durable_name: 'projector',
      ack_policy: AckPolicy.Explicit,
      ack_wait: nanos(30_000),
      max_deliver: 4,
      backoff: [nanos(30_000), nanos(60_000), nanos(120_000)],
      max_ack_pending: 1_000,
      filter_subject: 'sf.events.*.SyncRequested',
    });
  });

  it('moves every subject into a test namespace and uses the given stream names', () => {
    const t = defineTopology({
      namespace: 't_1',
      eventsStream: 'E1',
      deadLetterStream: 'D1',
      consumers: [{ name: 'c' }],
    });
    expect(t.streams.events).toMatchObject({ name: 'E1', subjects: ['t_1.events.>'] });
    expect(t.streams.deadLetters).toMatchObject({ name: 'D1', subjects: ['t_1.dlq.>'] });
    expect(t.consumers[0]!.config.filter_subject).toBe('t_1.events.>');
    expect(eventSubjectIn(t, 'sf.events.firm-1.SyncRequested')).toBe('t_1.events.firm-1.SyncRequested');
    expect(deadLetterSubjectIn(t, 'c')).toBe('t_1.dlq.c');
  });

  it('rejects settings nats-server would refuse, at startup', () => {
    expect(() =>
      defineTopology({ consumers: [{ name: 'c', maxDeliver: 2, ackWaitMs: 1, backoffMs: [1, 2, 3] }] }),
    ).toThrow(/more steps/);
    expect(() => defineTopology({ consumers: [{ name: 'c', ackWaitMs: 1_000, backoffMs: [2_000] }] })).toThrow(
      /backoff\[0\]/,
    );
    expect(() => defineTopology({ consumers: [{ name: 'a.b' }] })).toThrow(/invalid consumer name/);
    expect(() => defineTopology({ duplicateWindowMs: 60_000, eventsMaxAgeMs: 30_000 })).toThrow(/duplicate window/);
    expect(() => rebaseSubject('t', 'other.events.>')).toThrow(/outside/);
  });
});

describe('topologyOptionsFromEnv', () => {
  it('reads namespace, stream names and replicas, and rejects a bad replica count', () => {
    expect(
      topologyOptionsFromEnv({
        SF_NATS_NAMESPACE: 'x',
        SF_EVENTS_STREAM: 'E',
        SF_DLQ_STREAM: 'D',
        SF_NATS_REPLICAS: '3',
      }),
    ).toEqual({
      namespace: 'x',
      eventsStream: 'E',
      deadLetterStream: 'D',
      replicas: 3,
    });
    expect(topologyOptionsFromEnv({})).toEqual({});
    expect(() => topologyOptionsFromEnv({ SF_NATS_REPLICAS: 'two' })).toThrow(/SF_NATS_REPLICAS/);
  });
});
