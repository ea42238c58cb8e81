import { upcastEvent, type RecordedEvent } from '@sf/contracts';
import type { SyncLogEvent } from '@sf/sync-jobs';

/**
 * A recorded event of a scope or job stream, validated and upcast to its type's current version. The log only
 * holds events validated at append time, so a failure here is a bug (or a tampered log) and throws.
 */
export const toLogEvent = (e: RecordedEvent): SyncLogEvent => {
  const upcast = upcastEvent(e);
  if (!upcast.ok) throw new Error(`event ${e.eventId} of ${e.streamId} does not match its contract: ${upcast.reason}`);
  return upcast.value as unknown as SyncLogEvent;
};
