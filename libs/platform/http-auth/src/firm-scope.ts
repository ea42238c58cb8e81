import { NotFoundException } from '@nestjs/common';
import { sql, type Expression } from 'kysely';

/** Any Kysely select, update or delete builder (they all have `where(lhs, op, rhs)` returning themselves). */
interface FirmScopable<QB> {
  where(lhs: Expression<unknown>, op: '=', rhs: string): QB;
}

/**
 * Restricts a query to one firm's rows: `where <table>.firm_id = firmId`. The convention for every query an HTTP
 * endpoint runs: the firm id comes from @FirmId() (the verified token), never from the path, query or body, and
 * goes into the query itself, so another firm's row is simply not found. Pass `table` when the query joins.
 *
 * @example db.selectFrom('job_snapshots').selectAll().where('job_id', '=', id).$call((q) => scopedToFirm(q, firmId))
 */
export const scopedToFirm = <QB extends FirmScopable<QB>>(qb: QB, firmId: string, table?: string): QB =>
  qb.where(sql.ref(table ? `${table}.firm_id` : 'firm_id'), '=', firmId);

/**
 * 404 for a resource that does not exist *for this firm*. Deliberately the same answer as "does not exist at all":
 * a 403 would confirm to one firm that another firm's id is real.
 */
export class NotFoundForFirm extends NotFoundException {
  constructor(resource: string) {
    super(`${resource} not found`);
  }
}

/** Returns the row of a firm-scoped lookup, or throws {@link NotFoundForFirm}. */
export const requireFound = <T>(row: T | undefined | null, resource: string): T => {
  if (row === undefined || row === null) throw new NotFoundForFirm(resource);
  return row;
};
