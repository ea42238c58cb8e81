export {
  DEFAULT_NAMESPACE,
  Hdr,
  StreamName,
  changeRelayLockName,
  changesStreamBeside,
  relayCheckpointName,
} from './wire-names';
export { PublishFailed, publishPipelined } from './relay/publish-pipelined';
export type { PublishOutcome } from './relay/publish-pipelined';
export type { OutgoingMessage } from './relay/outgoing-message';
export { SessionLock } from './relay/session-lock';
export { Sleeper } from './relay/sleeper';
export {
  TOPOLOGY_DEFAULTS,
  deadLetterSubjectIn,
  defineTopology,
  eventSubjectIn,
  rebaseSubject,
  topologyOptionsFromEnv,
} from './topology';
export type { ConsumerOptions, ConsumerSpec, StreamSpec, Topology, TopologyOptions } from './topology';
export { provision } from './provision';
export type { ProvisionReport } from './provision';
export { createRelay } from './relay/relay';
export type { Relay, RelayFaults, RelayOptions } from './relay/relay';
export { RelayRole } from './relay/relay-status';
export type { RelayStatus } from './relay/relay-status';
export { Disposition } from './consumer/disposition';
export { claimInbox } from './consumer/inbox';
export { inboxSize, registerInboxGauge } from './consumer/inbox-gauge';
export { INBOX_PRUNE_DEFAULTS, inboxHorizonMs, pruneInbox, startInboxPruner } from './consumer/inbox-pruner';
export type { InboxPruner, InboxPrunerOptions } from './consumer/inbox-pruner';
export type { MessageContext, MessageHandler } from './consumer/message-handler';
export { createConsumerRunner } from './consumer/consumer-runner';
export { startTypedConsumers, typedConsumerOptions } from './consumer/typed-consumers';
export type { TypedConsumer } from './consumer/typed-consumers';
export type {
  ConsumerFaults,
  ConsumerLoopState,
  ConsumerRunner,
  ConsumerRunnerOptions,
  ConsumerRunnerStats,
} from './consumer/consumer-runner';
export type { RetryPolicy } from './consumer/settlement';
export { messagingMigrations } from './schema/messaging-migrations';
export type { MessagingTables } from './schema/messaging.tables';
export { connectNats } from './connection/connect-nats';
export type { ConnectNatsOptions } from './connection/connect-nats';
export { newInboxOf } from './connection/reply-inbox';
export { NatsIdentityEnv, connectionOptionsOf, inboxPrefixOf, natsIdentityFromEnv } from './connection/nats-identity';
export type { NatsIdentity, NatsTlsFiles } from './connection/nats-identity';
export {
  busPermissions,
  DEFAULT_BUS_NAMES,
  renderNatsAccounts,
  renderNatsServerConfig,
  subscriberUser,
  type BusConsumerGrant,
  type BusNames,
  type BusPermissions,
  type BusUser,
  type NatsServerConfigSpec,
  type NatsServerTls,
  type SubscriberScope,
} from './bus';
export {
  DEFAULT_NATS_URL,
  NATS_CLIENT_DEFAULTS,
  NatsClientEnv,
  natsClientSettingsFromEnv,
  reconnectDelayMs,
} from './connection/nats-client-settings';
export type { NatsClientSettings } from './connection/nats-client-settings';
export { listDeadLetters, redriveDeadLetter, redrivenSeqs, viewOfDeadLetter } from './dead-letters';
export type { DeadLetter, DeadLetterQuery, DeadLetterView, RedriveResult, RedriveResultOutcome } from './dead-letters';
