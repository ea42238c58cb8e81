import { createHash } from 'node:crypto';
import type { LogPosition } from '@sf/event-store';

/**
 * The id of a record's change made by the event at `position`: a name-based UUID (version 5 layout, SHA-1) of
 * (firm, entity type, record, position), so replays, crashes and rebuilds name the same change the same way and
 * JetStream (`Nats-Msg-Id`) and subscribers can deduplicate it.
 */
export const changeIdOf = (firmId: string, entityType: string, recordId: string, position: LogPosition): string => {
  const h = createHash('sha1')
    .update(['clio-record-change', firmId, entityType, recordId, position.txId, position.position].join('\u0000'))
    .digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
};
