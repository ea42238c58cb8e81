/**
 * OpenTelemetry messaging semantic-convention names we emit
 * (https://opentelemetry.io/docs/specs/semconv/messaging/messaging-spans/). NATS has no system-specific page;
 * we report `messaging.system = "nats"`.
 */
export const MessagingAttr = {
  System: 'messaging.system',
  OperationName: 'messaging.operation.name',
  OperationType: 'messaging.operation.type',
  DestinationName: 'messaging.destination.name',
  DestinationTemplate: 'messaging.destination.template',
  ConsumerGroupName: 'messaging.consumer.group.name',
  MessageId: 'messaging.message.id',
  ConversationId: 'messaging.message.conversation_id',
  BatchMessageCount: 'messaging.batch.message_count',
  ErrorType: 'error.type',
  /** Not in semconv: NATS-specific, named like the system-specific attributes of other brokers. */
  NatsDeliveryCount: 'messaging.nats.message.delivery_count',
} as const;

export const MESSAGING_SYSTEM = 'nats';

/** `messaging.operation.name` values (free-form, system-specific) used in span names. */
export const MessagingOperation = { Publish: 'publish', Process: 'process' } as const;
export type MessagingOperation = (typeof MessagingOperation)[keyof typeof MessagingOperation];

/** `messaging.operation.type` values (well-known): `send` is the current name of the former `publish`. */
export const MessagingOperationType = { Send: 'send', Process: 'process' } as const;
export type MessagingOperationType = (typeof MessagingOperationType)[keyof typeof MessagingOperationType];
