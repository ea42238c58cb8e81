import type { ServerResponse } from 'node:http';
import { Header } from '../wire';

/**
 * Lets a fault rewrite the body the handler is about to send. The core's `send` sets Content-Length and calls
 * `res.end(payload)` once, so replacing `end` (and fixing Content-Length) is enough; headers are still unsent then.
 */
export const rewriteBody = (res: ServerResponse, rewrite: (body: string, status: number) => string): void => {
  const originalEnd = res.end.bind(res) as (chunk?: unknown, ...rest: unknown[]) => ServerResponse;
  (res as { end: unknown }).end = (chunk?: unknown, ...rest: unknown[]): ServerResponse => {
    if (chunk === undefined || typeof chunk === 'function' || res.headersSent) return originalEnd(chunk, ...rest);
    const text = Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk);
    const next = rewrite(text, res.statusCode);
    if (next !== text) res.setHeader(Header.ContentLength, Buffer.byteLength(next));
    return originalEnd(next, ...rest);
  };
};

/** First half of the body: never valid JSON for a non-trivial object. */
export const truncateJson = (body: string): string => body.slice(0, Math.max(1, Math.floor(body.length / 2)));

/** Keeps `keep` records of a list page (default half); `meta` (and its `next` link) stays as it was. */
export const truncatePage = (body: string, keep: number | undefined): string => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return body;
  }
  const page = parsed as { data?: unknown };
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray(page.data)) return body;
  const n = keep ?? Math.floor(page.data.length / 2);
  return JSON.stringify({ ...page, data: page.data.slice(0, n) });
};

/** Replaces the answer the handler is about to send with a dropped connection (the handler's work stays done). */
export const dropResponse = (res: ServerResponse): void => {
  (res as { end: unknown }).end = (): ServerResponse => {
    res.destroy();
    return res;
  };
};
