import type { NatsConnection } from '@nats-io/nats-core';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import { EventTypes } from '@sf/contracts';
import {
  Disposition,
  startTypedConsumers,
  typedConsumerOptions,
  type ConsumerOptions,
  type ConsumerRunner,
  type MessageHandler,
  type Topology,
  type TypedConsumer,
} from '@sf/messaging';
import { LogPosition } from '@sf/event-store';
import { WorkStatus } from '@sf/work-queue';
import { processingJobQueue } from '../work/processing-job-queue';
import type { ProcessorDb } from '../schema/processor-schema';

/** Durable consumers (nats-server 2.9 takes one filter subject per consumer). */
export const ProcessorConsumers = { started: 'document-processor', cancelled: 'document-processor-cancelled' } as const;

/** `JobStarted` -> a ready row of the work queue, in the consumer's transaction; the job itself never runs here. */
export const onJobStarted: MessageHandler<ProcessorDb> = async (e, trx) => {
  if (e.type !== EventTypes.JobStarted) return Disposition.dead('not a JobStarted');
  const d = e.data;
  await processingJobQueue.enqueue(trx, {
    jobId: d.jobId,
    firmId: e.metadata.firmId,
    correlationId: e.metadata.correlationId,
    requestedAt: e.metadata.occurredAt,
    payload: {},
  });
  return Disposition.ack;
};

/** `JobCancelled` -> the job leaves the queue; its holder's next lease renewal fails and it stops. */
export const onJobCancelled: MessageHandler<ProcessorDb> = async (e, trx) => {
  if (e.type !== EventTypes.JobCancelled) return Disposition.dead('not a JobCancelled');
  const d = e.data;
  await processingJobQueue.enqueue(trx, {
    jobId: d.jobId,
    firmId: e.metadata.firmId,
    correlationId: e.metadata.correlationId,
    requestedAt: e.metadata.occurredAt,
    payload: {},
    status: WorkStatus.cancelled,
  });
  await processingJobQueue.control(trx, d.jobId, 'cancel', LogPosition.of(e));
  return Disposition.ack;
};

const HANDLERS: readonly TypedConsumer<ProcessorDb>[] = [
  { name: ProcessorConsumers.started, type: EventTypes.JobStarted, handler: onJobStarted },
  { name: ProcessorConsumers.cancelled, type: EventTypes.JobCancelled, handler: onJobCancelled },
];

/** Consumer options for `defineTopology({ consumers })`. */
export const processorConsumerOptions = (): ConsumerOptions[] => typedConsumerOptions(HANDLERS);

/** Starts one runner per provisioned consumer. */
export const startIntake = (
  nc: NatsConnection,
  db: Kysely<ProcessorDb>,
  topology: Topology,
  log: Logger,
): Promise<ConsumerRunner[]> =>
  startTypedConsumers({ nc, db, topology }, HANDLERS, (consumer, err) =>
    log.warn({ consumer, err: String(err) }, 'consumer batch failed; redelivery follows'),
  );
