import type { BaseRecord } from '../store/records';
import type { SimStore } from '../store/store';
import type { Pred, RowSource } from './list-spec';
import { encodeCursor, type Cursor } from './page-token';

export interface CursorPage<R> {
  rows: R[];
  /** Cursor of the next page, when rows follow. */
  next?: Cursor;
  /** Cursor of the previous page, when rows precede (pages after the first). */
  previous?: Cursor;
}

const take = <R>(iter: Iterable<R>, match: Pred<R>, limit: number): { rows: R[]; more: boolean } => {
  const rows: R[] = [];
  for (const r of iter) {
    if (!match(r)) continue;
    if (rows.length === limit) return { rows, more: true };
    rows.push(r);
  }
  return { rows, more: false };
};

const walk = <R extends BaseRecord>(source: RowSource<R>, store: SimStore, desc: boolean, after: number | undefined) =>
  desc ? source.descending(store, after ?? Number.MAX_SAFE_INTEGER) : source.ascending(store, after ?? 0);

/**
 * One page of cursor pagination (`order=id(asc|desc)`): `limit` matching rows after the cursor in the listing's
 * direction, or, for a `previous` cursor, the `limit` rows before it (read backwards, served in the listing's
 * direction). Rows are cut before any visibility filter, as Clio cuts its pages before permissions apply.
 */
export const cursorPage = <R extends BaseRecord>(
  store: SimStore,
  source: RowSource<R>,
  match: Pred<R>,
  limit: number,
  order: { desc: boolean },
  cursor: Cursor | undefined,
  now: number,
): CursorPage<R> => {
  const desc = cursor ? cursor.desc : order.desc;
  let rows: R[];
  let hasNext: boolean;
  let hasPrevious: boolean;
  if (cursor?.back) {
    const back = take(walk(source, store, !desc, cursor.after), match, limit);
    rows = back.rows.reverse();
    hasNext = true;
    hasPrevious = back.more;
  } else {
    const fwd = take(walk(source, store, desc, cursor?.after), match, limit);
    rows = fwd.rows;
    hasNext = fwd.more;
    hasPrevious = cursor !== undefined && rows.length > 0;
  }
  const first = rows[0];
  const last = rows[rows.length - 1];
  return {
    rows,
    next: hasNext && last ? { after: last.id, desc, issuedAt: now } : undefined,
    previous: hasPrevious && first ? { after: first.id, desc, back: true, issuedAt: now } : undefined,
  };
};

export const cursorParam = (c: Cursor): string => encodeCursor(c);
