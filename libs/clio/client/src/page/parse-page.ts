import type { ClioPage } from '../types';
import { MAX_PAGE_LIMIT } from '../wire';

/** A page's body checked whole; `serverDate` comes from the response headers, not the body. */
export type PageCheck = { ok: true; page: Omit<ClioPage, 'serverDate'> } | { ok: false; reason: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The `limit` a page URL asked for (Clio's default 200 when absent). */
export function requestedLimit(url: URL): number {
  const raw = url.searchParams.get('limit');
  const n = raw === null ? NaN : Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= MAX_PAGE_LIMIT ? n : MAX_PAGE_LIMIT;
}

/**
 * Validates one parsed list body `{ data: [...], meta: { paging: { next? }, records? } }`. Clio never promises full
 * pages (since 4.0.9 contacts are filtered by the user's permissions, so a page with a `next` link may hold fewer
 * than `limit` records, even none), and `meta.records` has no documented meaning, so neither the count nor
 * `meta.records` is evidence of truncation. What is: a body that is not a list page, more records than asked, or a
 * `next` link that is not a URL (a broken cursor). The caller retries those. Reasons never quote record content.
 */
export function checkPage(body: unknown, url: URL): PageCheck {
  if (!isRecord(body) || !Array.isArray(body.data)) return { ok: false, reason: 'page without a data array' };
  const data = body.data as unknown[];
  if (!data.every(isRecord)) return { ok: false, reason: 'page data holds a non-object entry' };
  const meta = isRecord(body.meta) ? body.meta : {};
  const paging = isRecord(meta.paging) ? meta.paging : {};
  if (paging.next !== undefined && paging.next !== null && typeof paging.next !== 'string')
    return { ok: false, reason: 'broken cursor: meta.paging.next is not a string' };
  const next = typeof paging.next === 'string' && paging.next !== '' ? paging.next : null;
  if (next !== null && !URL.canParse(next))
    return { ok: false, reason: 'broken cursor: meta.paging.next is not a URL' };
  const total = typeof meta.records === 'number' && Number.isInteger(meta.records) ? meta.records : null;
  const limit = requestedLimit(url);
  if (data.length > limit) return { ok: false, reason: `page holds ${data.length} records, more than limit ${limit}` };
  return {
    ok: true,
    page: { records: data as Array<Record<string, unknown>>, nextUrl: next, url: url.toString(), total },
  };
}

/** A single-record body `{ data: {...} }`. */
export function checkRecord(
  body: unknown,
): { ok: true; record: Record<string, unknown> } | { ok: false; reason: string } {
  if (!isRecord(body) || !isRecord(body.data)) return { ok: false, reason: 'response without a data object' };
  return { ok: true, record: body.data };
}
