import { EventTypes, type CatalogueEvent, type RecordedEvent } from '@sf/contracts';
import { currentPayload } from './catalogue-narrowing';
import { isCount, isCountOrNull, isCountRecord, isObject, isString, isStringArray, type Fields } from './narrow';

/** The sync-job events the read models fold, typed by the contracts' catalogue. */
export const SyncJobEventTypes = [
  EventTypes.SyncRequested, EventTypes.SyncJobStarted, EventTypes.SyncProgressed, EventTypes.SyncJobBlocked,
  EventTypes.SyncJobPaused, EventTypes.SyncJobResumed, EventTypes.SyncJobCompleted, EventTypes.SyncJobFailed, EventTypes.SyncJobCancelled,
] as const;
export type SyncJobEventType = (typeof SyncJobEventTypes)[number];
export type SyncJobEvent = Extract<CatalogueEvent, { type: SyncJobEventType }>;

const isScope = (v: unknown): boolean =>
  isObject(v) && (v['kind'] === 'firm' || (v['kind'] === 'matter' && isString(v['matterId'])));

const checks: Record<SyncJobEventType, (d: Fields) => boolean> = {
  SyncRequested: (d) => isScope(d['scope']),
  SyncJobStarted: (d) => isScope(d['scope']) && isStringArray(d['entityTypes']) && isCountOrNull(d['estimatedTotal']),
  SyncProgressed: (d) => isString(d['entityType']) && isCount(d['fetched']) && isCountOrNull(d['total']),
  SyncJobBlocked: (d) => isString(d['reason']) && isString(d['blockedUntil']),
  SyncJobPaused: () => true,
  SyncJobResumed: () => true,
  SyncJobCompleted: (d) => isScope(d['scope']) && isCountRecord(d['counts']),
  SyncJobFailed: (d) => isScope(d['scope']) && isString(d['code']) && isString(d['reason']),
  SyncJobCancelled: (d) => isScope(d['scope']) && isString(d['reason']),
};

const isSyncJobEventType = (t: string): t is SyncJobEventType => Object.hasOwn(checks, t);

/** The typed event, or null when it is not a sync-job event or its payload lacks the documented shape. */
export const asSyncJobEvent = (e: RecordedEvent): SyncJobEvent | null => {
  const type = e.type;
  if (!isSyncJobEventType(type)) return null;
  const data = currentPayload({ ...e, type }, (d) => isString(d['jobId']) && checks[type](d));
  // Safe: a catalogue type whose payload has, in its current version, every field the read models read.
  return data === null ? null : ({ type, data } as unknown as SyncJobEvent);
};
