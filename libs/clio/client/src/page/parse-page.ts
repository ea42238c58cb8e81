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
 * Validates one parsed list body `{ data: [...], meta: { paging: { next? }, records? } }` and checks it is whole:
 * a page that links onwards must be full (cursor pages always hold `limit` records except the last), and a
 * first page with no next link must hold exactly `meta.records` records. Either check failing means the body
 * was cut short in transit or by a fault, so the caller retries. Reasons never quote record content.
 */
export function checkPage(body: unknown, url: URL): PageCheck {
  if (!isRecord(body) || !Array.isArray(body.data)) return { ok: false, reason: 'page without a data array' };
  const data = body.data as unknown[];
  if (!data.every(isRecord)) return { ok: false, reason: 'page data holds a non-object entry' };
  const meta = isRecord(body.meta) ? body.meta : {};
  const paging = isRecord(meta.paging) ? meta.paging : {};
  const next = typeof paging.next === 'string' && paging.next !== '' ? paging.next : null;
  const total = typeof meta.records === 'number' && Number.isInteger(meta.records) ? meta.records : null;
  const limit = requestedLimit(url);
  if (data.length > limit) return { ok: false, reason: `page holds ${data.length} records, more than limit ${limit}` };
  if (next !== null && data.length < limit) {
    return { ok: false, reason: `truncated page: ${data.length} of ${limit} records with a next link` };
  }
  const firstPage = !url.searchParams.has('page_token');
  if (next === null && firstPage && total !== null && data.length !== total) {
    return { ok: false, reason: `truncated page: ${data.length} records but meta.records is ${total}` };
  }
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
