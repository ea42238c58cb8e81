export { busPermissions, DEFAULT_BUS_NAMES } from './bus-permissions';
export type { BusNames, BusPermissions } from './bus-permissions';
export { subscriberUser } from './bus-user';
export type { BusConsumerGrant, BusUser, SubscriberScope } from './bus-user';
export { renderNatsAccounts, renderNatsServerConfig } from './render-nats-config';
export type { NatsServerConfigSpec, NatsServerTls } from './render-nats-config';
