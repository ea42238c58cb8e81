import { createHash } from 'node:crypto';

/**
 * A UUID (version 5 layout) derived from a name: the same causing event always yields the same job and event ids,
 * so a redelivered message can never open a second job (its append would repeat an event id already stored).
 */
export const derivedUuid = (...parts: string[]): string => {
  const h = createHash('sha1').update(parts.join('\u0000')).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
};

/** Job and event ids of the sync a consuming event asks for. */
export const idsCausedBy = (eventId: string): { jobId: string; eventIds: readonly [string, string] } => ({
  jobId: derivedUuid(eventId, 'job'),
  eventIds: [derivedUuid(eventId, 'event', '0'), derivedUuid(eventId, 'event', '1')],
});
