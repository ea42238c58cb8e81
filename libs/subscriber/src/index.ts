// Public surface of @sf/subscriber: a small typed client for services that subscribe to the platform: record
// changes (`ClioRecordChanged` on `sf.changes.>`) and log events (`sf.events.>`), through durable pull consumers,
// with handlers typed and upcast by @sf/contracts, and an exactly-once processing helper.
export { startChangeSubscriber } from './change-subscriber';
export type { ChangeFilter, ChangeSubscriberOptions } from './change-subscriber';
export { startEventSubscriber } from './event-subscriber';
export type { EventHandlers, EventSubscriberOptions } from './event-subscriber';
export type { Delivery, RunningSubscriber } from './durable-pull';
export { processOnce } from './process-once';
export { pruneInbox, startInboxPruner } from '@sf/messaging';
export type { InboxPruner, InboxPrunerOptions } from '@sf/messaging';
export { messagingMigrations as subscriberMigrations } from '@sf/messaging';
