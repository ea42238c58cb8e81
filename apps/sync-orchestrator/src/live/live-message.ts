import type { RecordedCatalogueEvent } from '@sf/contracts';

/**
 * What one Server-Sent Event of live progress carries: the event's type (also the SSE `event:` name), its job, its
 * time, and only the fields a person watching needs. Never a record, a page cursor (it carries Clio's page token) or
 * a worker's raw error: failure and block reasons are the user-facing texts the events already hold.
 */
export interface LiveMessage {
  type: string;
  jobId: string;
  /** ISO instant the event was decided. */
  at: string;
  entityType?: string;
  fetched?: number;
  total?: number | null;
  /** `recent`: progress of a recent-first window; absent: the complete listing. */
  window?: string;
  entityTypes?: string[];
  estimates?: Record<string, number>;
  phase?: string;
  features?: string[];
  counts?: Record<string, number>;
  trigger?: string;
  scope?: { kind: string; matterId?: string };
  reason?: string;
  code?: string;
  blockedUntil?: string;
}

/** The SSE message of a live-progress event, or null for an event that is not about a sync job's progress. Pure. */
export const liveMessageOf = (e: RecordedCatalogueEvent): LiveMessage | null => {
  const base = { type: e.type, at: e.metadata.occurredAt };
  switch (e.type) {
    case 'SyncRequested':
      return { ...base, jobId: e.data.jobId, trigger: e.data.trigger, scope: { ...e.data.scope } };
    case 'SyncJobStarted':
      return {
        ...base,
        jobId: e.data.jobId,
        entityTypes: e.data.entityTypes,
        ...(e.data.estimates ? { estimates: e.data.estimates } : {}),
      };
    case 'SyncProgressed':
      return {
        ...base,
        jobId: e.data.jobId,
        entityType: e.data.entityType,
        fetched: e.data.fetched,
        total: e.data.total,
        ...(e.data.window ? { window: e.data.window } : {}),
      };
    case 'SyncPhaseCompleted':
      return { ...base, jobId: e.data.jobId, phase: e.data.phase, features: e.data.features };
    case 'SyncEntityForbidden':
      return { ...base, jobId: e.data.jobId, entityType: e.data.entityType, reason: e.data.reason };
    case 'SyncEntityTypePrioritised':
      return { ...base, jobId: e.data.jobId, entityType: e.data.entityType };
    case 'SyncJobBlocked':
      return { ...base, jobId: e.data.jobId, reason: e.data.reason, blockedUntil: e.data.blockedUntil };
    case 'SyncJobPaused':
    case 'SyncJobStalled':
    case 'SyncJobCancelled':
      return { ...base, jobId: e.data.jobId, reason: e.data.reason };
    case 'SyncJobResumed':
      return { ...base, jobId: e.data.jobId };
    case 'SyncJobCompleted':
      return { ...base, jobId: e.data.jobId, counts: e.data.counts };
    case 'SyncJobFailed':
      return { ...base, jobId: e.data.jobId, code: e.data.code, reason: e.data.reason };
    default:
      return null;
  }
};

/** Event types the live feed forwards (the subject's last token), so other messages are skipped undecoded. */
export const LIVE_EVENT_TYPES: ReadonlySet<string> = new Set([
  'SyncRequested',
  'SyncJobStarted',
  'SyncProgressed',
  'SyncPhaseCompleted',
  'SyncEntityForbidden',
  'SyncEntityTypePrioritised',
  'SyncJobBlocked',
  'SyncJobPaused',
  'SyncJobStalled',
  'SyncJobCancelled',
  'SyncJobResumed',
  'SyncJobCompleted',
  'SyncJobFailed',
]);
