import { createInbox, type NatsConnection } from '@nats-io/nats-core';

// The client keeps its reply prefix in options that its public type does not expose, so `connectNats` records it.
const prefixes = new WeakMap<NatsConnection, string>();

/** Records the reply prefix a connection was made with (`connectNats`). */
export const rememberInboxPrefix = (nc: NatsConnection, prefix: string | undefined): void => {
  if (prefix !== undefined) prefixes.set(nc, prefix);
};

/**
 * A fresh subject under the connection's reply prefix (`_INBOX.<user>.<id>` on a locked bus, the one subject tree its
 * user may subscribe to; `_INBOX.<id>` for a connection `connectNats` did not make), e.g. a push consumer's deliver
 * subject.
 */
export const newInboxOf = (nc: NatsConnection): string => createInbox(prefixes.get(nc));
