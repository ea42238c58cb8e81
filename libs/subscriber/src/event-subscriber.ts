import type { NatsConnection } from '@nats-io/nats-core';
import {
  SUBJECTS,
  parseEnvelope,
  type EventType,
  type RecordedCatalogueEvent,
  type RecordedEventOf,
} from '@sf/contracts';
import { startDurablePull, type Delivery, type RunningSubscriber } from './durable-pull';
import { inNamespace } from './namespace';

/** A handler per catalogue event type, typed by the catalogue (payloads upcast to the current version). */
export type EventHandlers = { [K in EventType]?: (event: RecordedEventOf<K>, delivery: Delivery) => Promise<void> };

export interface EventSubscriberOptions {
  nc: NatsConnection;
  durable: string;
  /** One firm's events, or every firm's (the default). */
  firmId?: string;
  namespace?: string;
  /** The events stream (production `SF_EVENTS`). */
  stream?: string;
  handlers: EventHandlers;
  onInvalid?: (reason: string, delivery: Delivery) => void;
  onError?: (err: unknown, delivery: Delivery) => void;
  /** Messages pulled ahead of the handler. Default 256. */
  batch?: number;
}

/**
 * Subscribes to the platform's log events (`sf.events.<firmId>.<Type>`) with typed handlers; events of a type
 * without a handler are acknowledged and skipped. Validation and upcasting are the catalogue's (`parseEnvelope`).
 */
export const startEventSubscriber = (o: EventSubscriberOptions): Promise<RunningSubscriber> =>
  startDurablePull<RecordedCatalogueEvent>({
    nc: o.nc,
    stream: o.stream ?? 'SF_EVENTS',
    durable: o.durable,
    filter: inNamespace(o.namespace, o.firmId ? SUBJECTS.firmEvents(o.firmId) : SUBJECTS.events),
    decode: parseEnvelope,
    handle: async (e, delivery) => {
      const handler = o.handlers[e.type] as ((e: RecordedCatalogueEvent, d: Delivery) => Promise<void>) | undefined;
      await handler?.(e, delivery);
    },
    onInvalid: o.onInvalid,
    onError: o.onError,
    batch: o.batch,
  });
