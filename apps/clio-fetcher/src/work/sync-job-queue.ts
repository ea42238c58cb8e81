import type { Executor } from '@sf/db';
import { workQueue, type WorkItem, type WorkQueueTables } from '@sf/work-queue';

/** What the fetcher keeps of a `SyncRequested` in its queue row. */
export interface SyncJobPayload {
  /** As in `SyncRequested.scope`. */
  scope: { kind: string; matterId?: string };
  /** Entity types asked for; null means every entity type of the scope. */
  entityTypes: string[] | null;
  trigger: string;
  /** Event id of the `SyncRequested` that opened the job. */
  requestEventId: string;
  /** Every entity type listed in full whatever its bookmark (a re-sync). */
  fullListing: boolean;
  /** A phased initial sync (`SyncRequested.phased`). */
  phased: boolean;
  /** Start of the recent window of a phased sync (recent-first), or null. */
  recentSince: string | null;
}

/** A queued sync job as the fetcher reads it: the queue's fields and the payload's side by side. */
export type SyncWork = Omit<WorkItem<SyncJobPayload>, 'payload'> & SyncJobPayload;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

const decode = (raw: unknown): SyncJobPayload => {
  const p = isObject(raw) ? raw : {};
  const scope = p['scope'];
  const types = p['entityTypes'];
  if (
    !isObject(scope) ||
    typeof scope['kind'] !== 'string' ||
    typeof p['trigger'] !== 'string' ||
    typeof p['requestEventId'] !== 'string' ||
    !(types === null || (Array.isArray(types) && types.every((t) => typeof t === 'string')))
  ) {
    throw new Error('sync-jobs queue row has a malformed payload');
  }
  return {
    scope:
      typeof scope['matterId'] === 'string'
        ? { kind: scope['kind'], matterId: scope['matterId'] }
        : { kind: scope['kind'] },
    entityTypes: types,
    trigger: p['trigger'],
    requestEventId: p['requestEventId'],
    // Rows queued before these options existed lack them: no re-sync, not phased.
    fullListing: p['fullListing'] === true,
    phased: p['phased'] === true,
    recentSince: typeof p['recentSince'] === 'string' ? p['recentSince'] : null,
  };
};

/**
 * The fetcher's queue of sync jobs: queued by the `SyncRequested` consumer, kept in step with the orchestrator's
 * pause, resume and cancel, claimed by the job workers. A repeated request for a queued job (an orchestrator restart
 * of a stalled job) is enqueued with `reclaim`: its holder loses the lease and the job resumes from its page cursor
 * wherever it is claimed next.
 */
export const syncJobQueue = workQueue<SyncJobPayload>('sync-jobs', decode);

export const syncWorkOf = ({ payload, ...item }: WorkItem<SyncJobPayload>): SyncWork => ({ ...item, ...payload });

/** The job's queue row, or undefined. */
export const readSyncWork = async <DB extends WorkQueueTables>(
  db: Executor<DB>,
  jobId: string,
): Promise<SyncWork | undefined> => {
  const item = await syncJobQueue.read(db, jobId);
  return item && syncWorkOf(item);
};
