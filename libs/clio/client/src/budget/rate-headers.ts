import { ClioHeader } from '../wire';

export type HeaderBag = Record<string, string | string[] | undefined>;

/** What one response says about the token's window (`X-RateLimit-*`); fields absent when the header was. */
export interface RateHeaders {
  limit?: number;
  remaining?: number;
  /** Epoch ms (the header is unix seconds). */
  resetAt?: number;
}

const intHeader = (headers: HeaderBag, name: string): number | undefined => {
  const raw = headers[name];
  const text = Array.isArray(raw) ? raw[0] : raw;
  if (text === undefined || !/^\s*\d+\s*$/.test(text)) return undefined;
  return Number(text);
};

export function parseRateHeaders(headers: HeaderBag): RateHeaders {
  const limit = intHeader(headers, ClioHeader.RateLimitLimit);
  const remaining = intHeader(headers, ClioHeader.RateLimitRemaining);
  const reset = intHeader(headers, ClioHeader.RateLimitReset);
  return {
    limit: limit !== undefined && limit > 0 ? limit : undefined,
    remaining,
    resetAt: reset === undefined ? undefined : reset * 1000,
  };
}

/** `Retry-After` in ms (delta seconds; an HTTP date is read relative to `now`); undefined when absent or unreadable. */
export function parseRetryAfterMs(headers: HeaderBag, now: number): number | undefined {
  const raw = headers[ClioHeader.RetryAfter];
  const text = (Array.isArray(raw) ? raw[0] : raw)?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
