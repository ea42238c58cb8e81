/**
 * What asked for a sync. The values are wire names (HTTP bodies, NATS payloads, `SyncRequested.trigger`),
 * so they never change once published.
 */
export const SyncTrigger = {
  /** The firm just completed Clio OAuth for the first time: sync everything. */
  FirstLogin: 'first_login',
  /** A person pressed "Sync now". */
  Manual: 'manual',
  /** A person asked to process a folder of a matter that has never been synced. */
  ProcessClick: 'process_click',
  /** A Clio webhook reported a change. */
  Webhook: 'webhook',
  /** The periodic timer. */
  Schedule: 'schedule',
  /** Housekeeping (e.g. recovering a stalled job from its checkpoint). */
  Maintenance: 'maintenance',
} as const;
export type SyncTrigger = (typeof SyncTrigger)[keyof typeof SyncTrigger];

const TRIGGERS: ReadonlySet<string> = new Set(Object.values(SyncTrigger));

/** Narrows an untrusted wire value (HTTP body, message payload) to a trigger. */
export const isSyncTrigger = (value: unknown): value is SyncTrigger =>
  typeof value === 'string' && TRIGGERS.has(value);
