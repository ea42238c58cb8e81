import type { NatsConnection } from '@nats-io/nats-core';
import type { Kysely } from 'kysely';
import { SUBJECTS } from '@sf/contracts';
import type { ConsumerOptions, Topology } from '../topology';
import { createConsumerRunner, type ConsumerRunner, type ConsumerTables } from './consumer-runner';
import type { MessageHandler } from './message-handler';

/** One durable consumer for one event type: nats-server 2.9 takes a single filter subject per consumer. */
export interface TypedConsumer<DB> {
  name: string;
  type: string;
  handler: MessageHandler<DB>;
}

/** Consumer options for `defineTopology({ consumers })`, one per typed consumer. */
export const typedConsumerOptions = <DB>(consumers: readonly TypedConsumer<DB>[]): ConsumerOptions[] =>
  consumers.map((c) => ({ name: c.name, filterSubject: SUBJECTS.eventType(c.type) }));

/** Starts one runner per typed consumer; each must have been provisioned in `topology`. */
export const startTypedConsumers = async <DB extends ConsumerTables>(
  deps: { nc: NatsConnection; db: Kysely<DB>; topology: Topology },
  consumers: readonly TypedConsumer<DB>[],
  onError: (consumer: string, err: unknown) => void,
): Promise<ConsumerRunner[]> => {
  const runners = consumers.map((c) => {
    const consumer = deps.topology.consumers.find((x) => x.name === c.name);
    if (!consumer) throw new Error(`consumer ${c.name} is not in the topology`);
    return createConsumerRunner({ ...deps, consumer, handler: c.handler, onError: (err) => onError(c.name, err) });
  });
  for (const r of runners) await r.start();
  return runners;
};
