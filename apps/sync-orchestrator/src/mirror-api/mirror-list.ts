import { BadRequestException } from '@nestjs/common';
import {
  listMirrorRecords,
  sortValueOf,
  toRecordView,
  type ClioEntityType,
  type MirrorListQuery as MirrorLibQuery,
  type MirrorSort,
  type MirrorSortKey,
} from '@sf/clio-mirror';
import type { Executor } from '@sf/db';
import { decodeCursor, pageLimit, pageOf } from '@sf/service-kit';
import type { OrchestratorDb } from '../schema/orchestrator-schema';
import type { MirrorListQuery, MirrorSortParam } from './mirror-queries.dto';
import type { MirrorRecordPageDto } from './mirror-responses.dto';
import { isWritable, provisionalRecords, withPending } from './pending-overlay';

const sortOf = (p: MirrorSortParam): MirrorSort => ({
  key: p.replace(/^-/, '') as MirrorSortKey,
  desc: p.startsWith('-'),
});

const CURSOR_RULE = 'cursor must be the next value of a previous page with the same sort';

/**
 * The cursor holds the sort it was made for, the last row's sort value ('' for an undated row) and its id, so a
 * cursor reused with another sort is a 400 instead of a wrong page.
 */
const afterOf = (cursor: string | undefined, sort: MirrorSortParam): MirrorLibQuery['after'] => {
  const keys = decodeCursor(cursor, 3);
  if (keys === null) return null;
  const [s, value, id] = keys as [string, string, string];
  if (s !== sort) throw new BadRequestException(CURSOR_RULE);
  if (value !== '' && sortOf(sort).key !== 'id' && Number.isNaN(Date.parse(value)))
    throw new BadRequestException(CURSOR_RULE);
  return { value: value === '' ? null : value, id };
};

/** Filters a list route adds to the common ones. */
export type ListFilters = Pick<MirrorLibQuery, 'matterId' | 'contactId' | 'parentIds' | 'matter'>;

/**
 * One page of a mirror list: the common parameters (paging, sort, deleted, updated since) plus `filters`. A writable
 * record carries its pending writes (`pending`), and the first page of a type this app creates lists the records
 * created here under the same matter or contact that Clio has not confirmed yet (`pendingCreates`).
 */
export const listPage = async (
  db: Executor<OrchestratorDb>,
  firmId: string,
  entityType: ClioEntityType,
  q: MirrorListQuery,
  filters: ListFilters = {},
): Promise<MirrorRecordPageDto> => {
  const limit = pageLimit(q);
  const sortParam = q.sort ?? 'id';
  const sort = sortOf(sortParam);
  const rows = await listMirrorRecords(db, {
    firmId,
    entityType,
    includeDeleted: q.include_deleted === 'true',
    ...(q.updated_since === undefined ? {} : { updatedSince: new Date(q.updated_since) }),
    ...filters,
    sort,
    after: afterOf(q.cursor, sortParam),
    limit: limit + 1,
  });
  const page = pageOf(rows, limit, (r) => [sortParam, sortValueOf(r, sort.key) ?? '', r.id], toRecordView);
  if (!isWritable(entityType)) return page;
  const items = await withPending(db, firmId, entityType, page.items);
  const parent = {
    ...(filters.matterId === undefined ? {} : { matterId: filters.matterId }),
    ...(filters.contactId === undefined ? {} : { contactId: filters.contactId }),
  };
  const pendingCreates = q.cursor === undefined ? await provisionalRecords(db, firmId, entityType, parent) : undefined;
  return { ...page, items, ...(pendingCreates === undefined ? {} : { pendingCreates }) };
};
