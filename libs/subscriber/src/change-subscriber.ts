import type { NatsConnection } from '@nats-io/nats-core';
import { SUBJECTS, readChangeMessage, type ClioRecordChangedV1 } from '@sf/contracts';
import { startDurablePull, type Delivery, type RunningSubscriber } from './durable-pull';
import { inNamespace } from './namespace';

/** Which record changes a subscriber reads. */
export type ChangeFilter =
  | { kind: 'all' }
  | { kind: 'firm'; firmId: string }
  | { kind: 'entityType'; entityType: string }
  | { kind: 'firmEntityType'; firmId: string; entityType: string };

const subjectOf = (f: ChangeFilter): string => {
  switch (f.kind) {
    case 'all':
      return SUBJECTS.changes;
    case 'firm':
      return SUBJECTS.firmChanges(f.firmId);
    case 'entityType':
      return SUBJECTS.entityTypeChanges(f.entityType);
    case 'firmEntityType':
      return SUBJECTS.change(f.firmId, f.entityType);
  }
};

export interface ChangeSubscriberOptions {
  nc: NatsConnection;
  /** Durable consumer name; on a locked bus, one your bus user was granted (`subscriberUser(..., changes: true)`). */
  durable: string;
  filter?: ChangeFilter;
  /** Subject namespace (production `sf`). */
  namespace?: string;
  /** The record-changes stream (production `SF_CHANGES`). */
  stream?: string;
  /** Every `ClioRecordChanged`, upcast to the current version; throw to have it redelivered. */
  onChange: (change: ClioRecordChangedV1, delivery: Delivery) => Promise<void>;
  onInvalid?: (reason: string, delivery: Delivery) => void;
  onError?: (err: unknown, delivery: Delivery) => void;
  /** Messages pulled ahead of the handler. Default 256. */
  batch?: number;
}

/**
 * Subscribes to record changes (`sf.changes.<firmId>.<entityType>`) through a durable consumer: each change once
 * acknowledged, in order per record. Deliveries are at least once; pair the handler with `processOnce` keyed by
 * `change.changeId` to apply each change exactly once.
 */
export const startChangeSubscriber = (o: ChangeSubscriberOptions): Promise<RunningSubscriber> =>
  startDurablePull({
    nc: o.nc,
    stream: o.stream ?? 'SF_CHANGES',
    durable: o.durable,
    filter: inNamespace(o.namespace, subjectOf(o.filter ?? { kind: 'all' })),
    decode: (body) => {
      const read = readChangeMessage(body);
      return read.ok ? { ok: true, value: read.value.data } : read;
    },
    handle: o.onChange,
    onInvalid: o.onInvalid,
    onError: o.onError,
    batch: o.batch,
  });
