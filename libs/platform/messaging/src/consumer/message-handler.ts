import type { Context } from '@opentelemetry/api';
import type { Transaction } from 'kysely';
import type { RecordedCatalogueEvent, TraceContext } from '@sf/contracts';
import type { Disposition } from './disposition';

/** Facts about the delivery, for handlers that need them (most don't). */
export interface MessageContext {
  consumer: string;
  subject: string;
  streamSequence: number;
  /** 1 on the first delivery. */
  deliveryCount: number;
  /** Trace context the message carried in its headers (the creation context of the event). */
  trace: TraceContext | undefined;
  /** OTel context of this message's `process <consumer>` span: start child spans under it explicitly. */
  otel: Context;
}

/**
 * Applies one event inside the consumer's transaction `trx` (the inbox row is already in it) and says what to
 * do with the message. The event was read by the contracts' typed reader, so `switch (event.type)` narrows its
 * payload; `DB` is the consumer's process tables. Throwing means a transient failure: everything in `trx` for this event is rolled back and the message
 * is redelivered with backoff.
 */
export type MessageHandler<DB> = (
  event: RecordedCatalogueEvent,
  trx: Transaction<DB>,
  ctx: MessageContext,
) => Promise<Disposition>;
