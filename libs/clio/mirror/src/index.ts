// Public surface of @sf/clio-mirror: the Clio mirror read models (one table per entity type and the typed tables of
// their nested data), the projection that builds them from the log, the fields requested per resource and where each
// entity type is listed, record validation, and the queries the fetcher's deletion checks and the tests run against
// the mirror.
export {
  CLIO_ENTITY_TYPES,
  TREE_ENTITY_TYPES,
  MATTER_SCOPE_ENTITY_TYPES,
  MIRROR_TABLES,
  isClioEntityType,
  listingSourceOf,
  matterFilters,
  mirrorTableOf,
} from './entity-types';
export type { ClioEntityType, ListingSource, MirrorTable } from './entity-types';
export { DETAIL_TABLES } from './details/detail-spec';
export type { DetailTable } from './details/detail-spec';
export { CLIO_FIELDS } from './clio-fields';
export { checkRecord, clioIdOf, instantOf } from './mirror-row';
export type { MirrorRecord, RecordCheck } from './mirror-row';
export { clioMirrorProjection, WEBHOOK_JOB_ID } from './mirror.projection';
export { contestedIds, contestedKey } from './observed-store';
export type { DeliveredRecord } from './observed-store';
export { clearTies, holdTies, refusedTies } from './mirror-ties';
export type { MirrorTie } from './mirror-ties';
export {
  MIRROR_PARTITIONS_ENV,
  clioMirrorPartitionOf,
  clioMirrorPartitions,
  mirrorPartitionsFromEnv,
} from './mirror-partitions';
export {
  sweepCandidates,
  liveCount,
  liveIds,
  restoredIds,
  liveCountCreated,
  medianCreated,
  nextCreatedAfter,
  liveIdsCreated,
  mirrorEntries,
  compareIds,
} from './mirror-queries';
export type { CreatedRange, MirrorEntry } from './mirror-queries';
export { clioMirrorMigrations } from './schema/clio-mirror-migrations';
export type { ClioMirrorTables } from './schema/clio-mirror.tables';
export type { ClioMirrorDetailTables } from './schema/clio-mirror-details.tables';
export { MirrorSources } from './mirror-source';
export type { MirrorSource } from './mirror-source';
export { listMirrorRecords, sortValueOf, MirrorSortKeys } from './reads/list-records';
export type { MatterFilters, MirrorAfter, MirrorListQuery, MirrorSort, MirrorSortKey } from './reads/list-records';
export { toRecordView } from './reads/record-view';
export type { MirrorReadRow, MirrorRecordView, SyncStamp } from './reads/record-view';
export { folderAndDescendants, matterFolderTree } from './reads/folder-tree';
export type { FolderNode } from './reads/folder-tree';
export { listFlaggedRecords, listHeldSweeps, readHeldSweep } from './review/review-reads';
export type { FlaggedRecordView, HeldSweepStatus, HeldSweepView } from './review/review-reads';
export type { ClioMirrorReviewTables } from './schema/clio-mirror-review.tables';
export { mirrorCounts } from './reads/mirror-counts';
export type { MirrorCount } from './reads/mirror-counts';
export { createChangeRelay } from './changes/change-relay';
export type { ChangeRelay, ChangeRelayOptions } from './changes/change-relay';
export { listRecordHistory, recordAsOf, foldHistory } from './changes/history-reads';
export type { RecordAsOf, RecordRef } from './changes/history-reads';
export { changeRelayLag, changeTableExists, unpublishedChanges } from './changes/change-queue';
export { asOfRecordView } from './changes/as-of-view';
export { pendingWritesProjection, recordKeyOf } from './writes/pending-writes.projection';
export { listWrites, nextPendingWrites } from './writes/pending-write-reads';
export {
  createOfRecord,
  latestAppliedEtag,
  openWritesByRecord,
  openWritesOfRecordKey,
  provisionalRecordsOf,
} from './writes/pending-record-reads';
export type { ClioPendingWritesTables } from './schema/clio-pending-writes.tables';
export { appendWriteEvents, loadWrite } from './writes/write-stream';
export type { LoadedWrite, WriteAppendMeta } from './writes/write-stream';
