import { CATALOGUE } from './catalogue';
import type { NewCatalogueEvent } from './catalogue-event';
import { StreamIdPrefixes, StreamTypes, type StreamType } from './wire-names';

/** Stream ids of the platform's aggregates. */
export const streamIds = {
  /**
   * `sync-scope-<firmId>-firm` or `sync-scope-<firmId>-matter-<matterId>` (stream type `sync_scope`): the jobs of one
   * scope, opened by `SyncRequested` and closed by `SyncJobCompleted|Failed|Cancelled`. Appending `SyncRequested` at the
   * version read is what makes "one active job per scope" hold under concurrent requests.
   */
  syncScope: (firmId: string, scope: { kind: string; matterId?: string }): string =>
    `${StreamIdPrefixes.syncScope}${firmId}-${scope.kind === 'matter' ? `matter-${scope.matterId}` : 'firm'}`,
  /** `sync-job-<jobId>` (stream type `sync_job`). */
  syncJob: (jobId: string): string => `${StreamIdPrefixes.syncJob}${jobId}`,
  /** `processing-job-<jobId>` (stream type `processing_job`). */
  processingJob: (jobId: string): string => `${StreamIdPrefixes.processingJob}${jobId}`,
  /** `connection-<firmId>` (stream type `connection`): one connection stream per firm. */
  connection: (firmId: string): string => `${StreamIdPrefixes.connection}${firmId}`,
  /** `sweep-review-<sweepEventId>` (stream type `sweep_review`): the one decision on a held sweep. */
  sweepReview: (sweepEventId: string): string => `${StreamIdPrefixes.sweepReview}${sweepEventId}`,
  /** `clio-webhooks-<firmId>` (stream type `clio_webhooks`): the firm's webhook subscriptions. */
  clioWebhooks: (firmId: string): string => `${StreamIdPrefixes.clioWebhooks}${firmId}`,
  /** `webhook-inbox-<firmId>` (stream type `webhook_inbox`): the firm's verified deliveries and their application. */
  webhookInbox: (firmId: string): string => `${StreamIdPrefixes.webhookInbox}${firmId}`,
  /** `sync-schedule-<firmId>` (stream type `sync_schedule`): the firm's schedule settings, one change per event. */
  syncSchedule: (firmId: string): string => `${StreamIdPrefixes.syncSchedule}${firmId}`,
  /** `clio-write-<writeId>` (stream type `clio_write`): one write-back, opened by `ClioWriteRequested`. */
  clioWrite: (writeId: string): string => `${StreamIdPrefixes.clioWrite}${writeId}`,
} as const;

export interface StreamRef {
  streamType: StreamType;
  streamId: string;
}

/**
 * The stream a catalogue event is appended to: its type's stream type, and the id derived from the job id in
 * its payload (job streams) or from its firm (connection stream).
 */
export function streamOf(e: Pick<NewCatalogueEvent, 'type' | 'data' | 'metadata'>): StreamRef {
  const streamType = CATALOGUE[e.type].streamType;
  switch (streamType) {
    case StreamTypes.syncScope:
      return { streamType, streamId: streamIds.syncScope(e.metadata.firmId, scopeOf(e.data)) };
    case StreamTypes.syncJob:
      return { streamType, streamId: streamIds.syncJob(jobIdOf(e.data)) };
    case StreamTypes.processingJob:
      return { streamType, streamId: streamIds.processingJob(jobIdOf(e.data)) };
    case StreamTypes.connection:
      return { streamType, streamId: streamIds.connection(e.metadata.firmId) };
    case StreamTypes.sweepReview:
      return { streamType, streamId: streamIds.sweepReview(sweepEventIdOf(e.data)) };
    case StreamTypes.clioWebhooks:
      return { streamType, streamId: streamIds.clioWebhooks(e.metadata.firmId) };
    case StreamTypes.webhookInbox:
      return { streamType, streamId: streamIds.webhookInbox(e.metadata.firmId) };
    case StreamTypes.syncSchedule:
      return { streamType, streamId: streamIds.syncSchedule(e.metadata.firmId) };
    case StreamTypes.clioWrite:
      return { streamType, streamId: streamIds.clioWrite(writeIdOf(e.data)) };
  }
}

// Every payload of a sync-scope stream type carries `scope`, and of a job stream type `jobId` (checked for the whole
// catalogue in stream-ids.spec.ts); a payload without one is a catalogue bug.
const scopeOf = (data: NewCatalogueEvent['data']): { kind: string; matterId?: string } => {
  if ('scope' in data) return data.scope;
  throw new Error('catalogue bug: a sync-scope event without scope');
};

const jobIdOf = (data: NewCatalogueEvent['data']): string => {
  if ('jobId' in data) return data.jobId;
  throw new Error('catalogue bug: a job event without jobId');
};

const sweepEventIdOf = (data: NewCatalogueEvent['data']): string => {
  if ('sweepEventId' in data) return data.sweepEventId;
  throw new Error('catalogue bug: a sweep-review event without sweepEventId');
};

const writeIdOf = (data: NewCatalogueEvent['data']): string => {
  if ('writeId' in data) return data.writeId;
  throw new Error('catalogue bug: a write event without writeId');
};
