import { ChangeSources, type ChangeSource } from '@sf/contracts';
import { TREE_ENTITY_TYPES, type ClioEntityType } from '../entity-types';
import { clioIdOf, instantOf } from '../mirror-row';
import { MirrorSources, type MirrorSource } from '../mirror-source';
import type { MirrorRecordView } from '../reads/record-view';
import type { RecordAsOf } from './history-reads';

const MIRROR_SOURCE_OF: Record<ChangeSource, MirrorSource> = {
  [ChangeSources.initialSync]: MirrorSources.sync,
  [ChangeSources.incrementalSync]: MirrorSources.sync,
  [ChangeSources.webhook]: MirrorSources.webhook,
  [ChangeSources.writeBack]: MirrorSources.writeBack,
};

const refId = (v: unknown): string | null =>
  typeof v === 'object' && v !== null ? clioIdOf((v as Record<string, unknown>)['id']) : null;

/**
 * A record rebuilt from its history in the read API's shape. The history keeps Clio's fields, not the typed detail
 * rows, so `details` is empty; the sync stamp is the change that made the state.
 */
export const asOfRecordView = (entityType: ClioEntityType, id: string, s: RecordAsOf): MirrorRecordView => ({
  id,
  etag: s.etag ?? '',
  createdAt: instantOf(s.data['created_at']),
  updatedAt: s.updatedAt,
  matterId: entityType === 'matters' ? id : refId(s.data['matter']),
  ...(TREE_ENTITY_TYPES.has(entityType) ? { parentId: refId(s.data['parent']) } : {}),
  isDeleted: s.isDeleted,
  deletedAt: s.deletedAt,
  isRedacted: s.data['redacted'] === true && Object.keys(s.data).length <= 2,
  data: s.data,
  details: {},
  sync: {
    lastSyncedAt: s.lastChange.observedAt,
    source: MIRROR_SOURCE_OF[s.lastChange.source],
    jobId: s.lastChange.jobId,
  },
});
