import { openWritesByRecord, provisionalRecordsOf, type ClioEntityType } from '@sf/clio-mirror';
import { pendingViewOf } from '@sf/clio-writes';
import { WriteEntityTypes, type WriteEntityType } from '@sf/contracts';
import type { Executor } from '@sf/db';
import type { OrchestratorDb } from '../schema/orchestrator-schema';
import type { MirrorRecordDto } from './mirror-responses.dto';
import type { ProvisionalRecordDto } from './pending-responses.dto';

const WRITABLE = new Set<string>(Object.values(WriteEntityTypes));

/** Entity types Clio takes writes for through this app (their reads show pending writes). */
export const isWritable = (e: ClioEntityType): e is WriteEntityType => WRITABLE.has(e);

/**
 * Read your own write, on every read of a writable record: each record gets `pending`, the writes of this app still
 * on their way to Clio laid over one another (null when none). It clears once Clio confirmed them: the write leaves
 * the open writes and the mirror holds Clio's record.
 */
export const withPending = async (
  db: Executor<OrchestratorDb>,
  firmId: string,
  entityType: ClioEntityType,
  items: readonly MirrorRecordDto[],
): Promise<MirrorRecordDto[]> => {
  if (!isWritable(entityType)) return [...items];
  const open = await openWritesByRecord(
    db,
    firmId,
    entityType,
    items.map((i) => i.id),
  );
  return items.map((i) => ({ ...i, pending: pendingViewOf(open.get(i.id) ?? []) }));
};

/** Records of a type this app creates (not matters) created here and not confirmed yet, under a matter or contact. */
export const provisionalRecords = async (
  db: Executor<OrchestratorDb>,
  firmId: string,
  entityType: ClioEntityType,
  parent: { matterId?: string; contactId?: string },
): Promise<ProvisionalRecordDto[] | undefined> =>
  isWritable(entityType) && entityType !== 'matters' ? provisionalRecordsOf(db, firmId, entityType, parent) : undefined;
