import type { Kysely } from 'kysely';
import { asOfRecordView, listMirrorRecords, recordAsOf, toRecordView, type ClioEntityType } from '@sf/clio-mirror';
import { NotFoundForFirm } from '@sf/http-auth';
import type { OrchestratorDb } from '../schema/orchestrator-schema';
import type { RecordReadQuery } from './mirror-queries.dto';
import type { MirrorRecordDto } from './mirror-responses.dto';
import { withPending } from './pending-overlay';

/** The types with a single-record read and a history route (notes are read through `notes/:id`). */
export type RecordReadType = Exclude<ClioEntityType, 'relationships' | 'matter_notes' | 'contact_notes'>;

/** The 404's noun per entity type ("matter not found"). */
const NOUN: Record<RecordReadType, string> = {
  matters: 'matter',
  folders: 'folder',
  documents: 'document',
  contacts: 'contact',
  calendar_entries: 'calendar entry',
  tasks: 'task',
  activities: 'activity',
  users: 'user',
  custom_fields: 'custom field',
};

/**
 * One record of the firm's mirror: as it is now (with this app's writes still on their way, `pending`), or with
 * `as_of` as the mirror held it then (rebuilt from its change history, `details` empty). Soft-deleted records only with `include_deleted`; another firm's, a missing one, or one
 * the mirror did not hold yet at `as_of` is a 404.
 */
export const readOneRecord = async (
  db: Kysely<OrchestratorDb>,
  firmId: string,
  entityType: RecordReadType,
  id: string,
  q: RecordReadQuery,
): Promise<MirrorRecordDto> => {
  const includeDeleted = q.include_deleted === 'true';
  if (q.as_of !== undefined) {
    const then = await recordAsOf(db, { firmId, entityType, recordId: id }, new Date(q.as_of));
    if (!then || (then.isDeleted && !includeDeleted)) throw new NotFoundForFirm(NOUN[entityType]);
    return asOfRecordView(entityType, id, then);
  }
  const [row] = await listMirrorRecords(db, {
    firmId,
    entityType,
    includeDeleted,
    ids: [id],
    sort: { key: 'id', desc: false },
    after: null,
    limit: 1,
  });
  if (!row) throw new NotFoundForFirm(NOUN[entityType]);
  const view = toRecordView(row);
  return (await withPending(db, firmId, entityType, [view]))[0] ?? view;
};
