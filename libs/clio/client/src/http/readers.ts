import type { Dispatcher } from 'undici';
import { checkPage, checkRecord } from '../page/parse-page';
import type { ClioPage } from '../types';
import { ClioHeader } from '../wire';
import type { Reader, ReadResult } from './clio-caller';
import { readJson } from './read-json';
import { describeNetworkError, discard, httpGet, type RawResponse } from './send';

const header = (res: RawResponse, name: string): string | null => {
  const v = res.headers[name];
  return (Array.isArray(v) ? v[0] : v) ?? null;
};

/** An HTTP-date header (`Date`, RFC 9110) as an ISO instant; null when absent or unreadable. */
export const httpDateOf = (value: string | null): string | null => {
  const t = value === null ? NaN : Date.parse(value);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
};

const unexpected = async <T>(res: RawResponse): Promise<ReadResult<T>> => {
  await discard(res);
  return { ok: false, reason: `unexpected HTTP ${res.status}`, retry: false };
};

/** One list page, parsed whole (at most 200 records) and checked for truncation; bad pages are retried. */
export const pageReader =
  (url: URL): Reader<ClioPage> =>
  async (res) => {
    if (res.status !== 200) return unexpected(res);
    const json = await readJson(res);
    if (!json.ok) return { ok: false, reason: json.reason, retry: true };
    const page = checkPage(json.value, url);
    if (!page.ok) return { ok: false, reason: page.reason, retry: true };
    return { ok: true, value: { ...page.page, serverDate: httpDateOf(header(res, ClioHeader.Date)) } };
  };

export const recordReader: Reader<Record<string, unknown>> = async (res) => {
  if (res.status !== 200) return unexpected(res);
  const json = await readJson(res);
  if (!json.ok) return { ok: false, reason: json.reason, retry: true };
  const rec = checkRecord(json.value);
  return rec.ok ? { ok: true, value: rec.record } : { ok: false, reason: rec.reason, retry: true };
};

/** The answer to a write: the record in `data` (200/201), or null for 204 No Content. */
export const writeReader: Reader<{ status: number; record: Record<string, unknown> | null }> = async (res) => {
  if (res.status === 204) {
    await discard(res);
    return { ok: true, value: { status: 204, record: null } };
  }
  if (res.status !== 200 && res.status !== 201) return unexpected(res);
  const json = await readJson(res);
  if (!json.ok) return { ok: false, reason: json.reason, retry: false };
  const rec = checkRecord(json.value);
  return rec.ok
    ? { ok: true, value: { status: res.status, record: rec.record } }
    : { ok: false, reason: rec.reason, retry: false };
};

export interface Download {
  body: NodeJS.ReadableStream;
  contentType: string | null;
  size: number | null;
}

/**
 * Follows the download endpoint's 303 to the pre-signed URL without the bearer token (it is another host in
 * production). A failed or expired signed URL is transient: the retry asks Clio for a fresh one.
 */
export const downloadReader =
  (dispatcher: Dispatcher, timeoutMs: number, base: URL): Reader<Download> =>
  async (res) => {
    if (res.status !== 303) return unexpected(res);
    const location = header(res, ClioHeader.Location);
    await discard(res);
    if (!location) return { ok: false, reason: 'download redirect without a Location', retry: true };
    let file: RawResponse;
    try {
      file = await httpGet(dispatcher, new URL(location, base).toString(), {}, timeoutMs);
    } catch (err) {
      return { ok: false, reason: `signed download URL: ${describeNetworkError(err)}`, retry: true };
    }
    if (file.status !== 200) {
      await discard(file);
      return { ok: false, reason: `signed download URL answered HTTP ${file.status}`, retry: true };
    }
    file.release();
    const length = Number(header(file, ClioHeader.ContentLength));
    return {
      ok: true,
      value: {
        body: file.body,
        contentType: header(file, ClioHeader.ContentType),
        size: Number.isFinite(length) && length >= 0 && header(file, ClioHeader.ContentLength) !== null ? length : null,
      },
    };
  };
