import type { RecordedEvent } from '@sf/contracts';
import {
  isCount, isCountOrNull, isCountRecord, isObject, isString, isStringArray, type Fields,
} from './narrow';

// Typed view of the sync-job events (stream `sync-job-<jobId>`) that the read models fold.

export type SyncScope = { kind: 'firm' } | { kind: 'matter'; matterId: string };

export type SyncJobEvent =
  | { type: 'SyncRequested'; jobId: string; scope: SyncScope }
  | { type: 'SyncJobStarted'; jobId: string; scope: SyncScope; entityTypes: string[]; estimatedTotal: number | null }
  | { type: 'SyncProgressed'; jobId: string; entityType: string; fetched: number; total: number | null }
  | { type: 'SyncJobBlocked'; jobId: string; reason: string; blockedUntil: string }
  | { type: 'SyncJobResumed'; jobId: string }
  | { type: 'SyncJobCompleted'; jobId: string; counts: Record<string, number> }
  | { type: 'SyncJobFailed'; jobId: string; code: string; reason: string }
  | { type: 'SyncJobCancelled'; jobId: string; reason: string };

export type SyncJobEventType = SyncJobEvent['type'];

const scopeOf = (v: unknown): SyncScope | null => {
  if (!isObject(v)) return null;
  if (v['kind'] === 'firm') return { kind: 'firm' };
  if (v['kind'] === 'matter' && isString(v['matterId'])) return { kind: 'matter', matterId: v['matterId'] };
  return null;
};

type Narrower = (d: Fields, jobId: string) => SyncJobEvent | null;

const narrowers: Record<SyncJobEventType, Narrower> = {
  SyncRequested: (d, jobId) => {
    const scope = scopeOf(d['scope']);
    return scope ? { type: 'SyncRequested', jobId, scope } : null;
  },
  SyncJobStarted: (d, jobId) => {
    const scope = scopeOf(d['scope']);
    const entityTypes = d['entityTypes'];
    const estimatedTotal = d['estimatedTotal'] ?? null;
    if (!scope || !isStringArray(entityTypes) || !isCountOrNull(estimatedTotal)) return null;
    return { type: 'SyncJobStarted', jobId, scope, entityTypes, estimatedTotal };
  },
  SyncProgressed: (d, jobId) => {
    const { entityType, fetched } = d;
    const total = d['total'] ?? null;
    if (!isString(entityType) || !isCount(fetched) || !isCountOrNull(total)) return null;
    return { type: 'SyncProgressed', jobId, entityType, fetched, total };
  },
  SyncJobBlocked: (d, jobId) =>
    isString(d['reason']) && isString(d['blockedUntil'])
      ? { type: 'SyncJobBlocked', jobId, reason: d['reason'], blockedUntil: d['blockedUntil'] }
      : null,
  SyncJobResumed: (_d, jobId) => ({ type: 'SyncJobResumed', jobId }),
  SyncJobCompleted: (d, jobId) =>
    isCountRecord(d['counts']) ? { type: 'SyncJobCompleted', jobId, counts: d['counts'] } : null,
  SyncJobFailed: (d, jobId) =>
    isString(d['code']) && isString(d['reason'])
      ? { type: 'SyncJobFailed', jobId, code: d['code'], reason: d['reason'] }
      : null,
  SyncJobCancelled: (d, jobId) =>
    isString(d['reason']) ? { type: 'SyncJobCancelled', jobId, reason: d['reason'] } : null,
};

export const isSyncJobEventType = (t: string): t is SyncJobEventType => Object.hasOwn(narrowers, t);

/** The typed event, or null when the event is not a sync-job event or its payload does not have the documented shape. */
export const asSyncJobEvent = (e: Pick<RecordedEvent, 'type' | 'data'>): SyncJobEvent | null => {
  if (!isSyncJobEventType(e.type) || !isObject(e.data) || !isString(e.data['jobId'])) return null;
  return narrowers[e.type](e.data, e.data['jobId']);
};
