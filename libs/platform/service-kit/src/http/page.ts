import { BadRequestException } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Length, Matches } from 'class-validator';

/** Items per page unless the caller asks for fewer or more (up to {@link PAGE_LIMIT_MAX}). */
export const PAGE_LIMIT_DEFAULT = 50;
export const PAGE_LIMIT_MAX = 100;

/**
 * `limit` and `cursor` of a keyset-paged list endpoint (extend it with the list's own filters). The cursor is
 * opaque to callers: the `next` of the previous page, never built by hand.
 */
export class PageQuery {
  @IsOptional()
  @ApiPropertyOptional({ description: `Items per page, 1 to ${PAGE_LIMIT_MAX} (default ${PAGE_LIMIT_DEFAULT})` })
  @Matches(/^(100|[1-9][0-9]?)$/, { message: `limit must be an integer from 1 to ${PAGE_LIMIT_MAX}` })
  limit?: string;

  @IsOptional()
  @ApiPropertyOptional({ description: 'The `next` of the previous page; absent for the first page' })
  @Length(1, 1000, { message: 'cursor must be the next value of a previous page' })
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor must be the next value of a previous page' })
  cursor?: string;
}

/** Largest page of the mirror's read API (Clio's own page size). */
export const WIDE_PAGE_LIMIT_MAX = 200;

/** {@link PageQuery} with `limit` up to {@link WIDE_PAGE_LIMIT_MAX}: lists of mirrored records. */
export class WidePageQuery {
  @IsOptional()
  @ApiPropertyOptional({
    description: `Items per page, 1 to ${WIDE_PAGE_LIMIT_MAX} (default ${PAGE_LIMIT_DEFAULT})`,
    pattern: '^[0-9]+$',
  })
  @Matches(/^(200|1[0-9]{2}|[1-9][0-9]?)$/, { message: `limit must be an integer from 1 to ${WIDE_PAGE_LIMIT_MAX}` })
  limit?: string;

  @IsOptional()
  @ApiPropertyOptional({ description: 'The `next` of the previous page; absent for the first page' })
  @Length(1, 1000, { message: 'cursor must be the next value of a previous page' })
  @Matches(/^[A-Za-z0-9_-]+$/, { message: 'cursor must be the next value of a previous page' })
  cursor?: string;
}

/** One page of a list: `next` continues it, null on the last page. */
export interface Page<T> {
  items: T[];
  next: string | null;
}

export const pageLimit = (q: { limit?: string }): number =>
  q.limit === undefined ? PAGE_LIMIT_DEFAULT : Number(q.limit);

/** The keys of the last row of a page, as the `next` cursor (base64url of a JSON array of strings). */
export const encodeCursor = (keys: readonly string[]): string =>
  Buffer.from(JSON.stringify(keys)).toString('base64url');

/** The `arity` keys a cursor holds, null for none; a cursor this endpoint did not issue is a 400 naming `cursor`. */
export const decodeCursor = (cursor: string | undefined, arity: number): string[] | null => {
  if (cursor === undefined) return null;
  let keys: unknown;
  try {
    keys = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    keys = null;
  }
  if (!Array.isArray(keys) || keys.length !== arity || !keys.every((k) => typeof k === 'string'))
    throw new BadRequestException('cursor must be the next value of a previous page');
  return keys as string[];
};

/**
 * The page from `limit + 1` rows read past the cursor: the extra row only says that another page exists, and the
 * last row kept gives the cursor of the next one.
 */
export const pageOf = <R, T>(
  rows: readonly R[],
  limit: number,
  keysOf: (r: R) => string[],
  view: (r: R) => T,
): Page<T> => {
  const kept = rows.slice(0, limit);
  const last = kept[kept.length - 1];
  return { items: kept.map(view), next: rows.length > limit && last !== undefined ? encodeCursor(keysOf(last)) : null };
};
