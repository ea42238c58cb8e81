import { BACKFILL_RESERVE_SHARE } from '@sf/contracts';
import { RateBudget } from './budget/rate-budget';
import { ClioCaller } from './http/clio-caller';
import { downloadReader, pageReader, recordReader, writeReader } from './http/readers';
import { defaultDispatcher } from './http/send';
import { matchCount } from './page/match-count';
import { apiUrl, cursorUrl, listUrl, recordUrl } from './page/list-url';
import { tablesOf } from '@sf/db';
import type { ClioClientTables } from './schema/clio-rate-budget.tables';
import type { ClioClient, ClioClientOptions, ClioClientStats, ListRequest, PageOutcome } from './types';
import { ClioParam, DEFAULT_CLIO_API_VERSION } from './wire';

const DEFAULTS = {
  attempts: 5,
  baseMs: 500,
  maxMs: 30_000,
  reserveShare: BACKFILL_RESERVE_SHARE,
  maxWaitMs: 90_000,
  requestTimeoutMs: 30_000,
} as const;

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A Clio client for one firm. Cheap to create; the budget lives in Postgres, the HTTP pool is per process. */
export function createClioClient<DB extends ClioClientTables>(opts: ClioClientOptions<DB>): ClioClient {
  const reserveShare = opts.reserveShare ?? DEFAULTS.reserveShare;
  if (!(reserveShare >= 0 && reserveShare < 1))
    throw new RangeError(`reserveShare must be in [0, 1), got ${reserveShare}`);
  const stats: ClioClientStats = { apiCalls: 0, r429: 0, retries: 0, refreshes: 0 };
  const dispatcher = opts.dispatcher ?? defaultDispatcher();
  const timeoutMs = opts.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs;
  const caller = new ClioCaller({
    firmId: opts.firmId,
    tokens: opts.tokens,
    budget: new RateBudget(tablesOf<ClioClientTables, DB>(opts.db), reserveShare),
    apiVersion: opts.apiVersion ?? DEFAULT_CLIO_API_VERSION,
    attempts: Math.max(1, opts.retry?.attempts ?? DEFAULTS.attempts),
    baseMs: opts.retry?.baseMs ?? DEFAULTS.baseMs,
    maxMs: opts.retry?.maxMs ?? DEFAULTS.maxMs,
    maxWaitMs: opts.maxWaitMs ?? DEFAULTS.maxWaitMs,
    now: opts.now ?? Date.now,
    sleep: opts.sleep ?? realSleep,
    random: opts.random ?? Math.random,
    dispatcher,
    timeoutMs,
    stats,
  });

  const fetchPage: ClioClient['fetchPage'] = async (req, lane) => {
    let pageUrl: URL | null = null;
    const target = (base: string): URL | null =>
      (pageUrl = 'cursorUrl' in req ? cursorUrl(base, req.cursorUrl) : listUrl(base, req));
    const r = await caller.call(target, lane, (res) => pageReader(pageUrl as URL)(res));
    return r.ok ? { ok: true, page: r.value, apiCalls: r.apiCalls } : r;
  };

  return {
    fetchPage,
    async *pages(req: ListRequest, lane, o) {
      let outcome: PageOutcome = await fetchPage(o?.fromCursor ? { cursorUrl: o.fromCursor } : req, lane);
      for (;;) {
        yield outcome;
        if (!outcome.ok || outcome.page.nextUrl === null) return;
        outcome = await fetchPage({ cursorUrl: outcome.page.nextUrl }, lane);
      }
    },
    async count(resource, filters, lane) {
      const r = await fetchPage({ resource, filters, fields: ['id'], limit: 1 }, lane);
      if (!r.ok) return r;
      const c = matchCount(r.page);
      return c.known ? { ok: true, total: c.total } : { ok: true, total: null, reason: c.reason };
    },
    async get(resource, id, fields, lane) {
      const r = await caller.call((base) => recordUrl(base, resource, id, fields), lane, recordReader);
      return r.ok ? { ok: true, record: r.value } : r;
    },
    async send(req, lane) {
      const target = (b: string): URL => {
        const url = apiUrl(b, req.path);
        if (req.fields && req.fields.length > 0) url.searchParams.set(ClioParam.Fields, req.fields.join(','));
        return url;
      };
      const body = req.body === undefined ? undefined : JSON.stringify(req.body);
      const r = await caller.call(target, lane, writeReader, { method: req.method, body, headers: req.headers });
      return r.ok ? { ok: true, ...r.value } : r;
    },
    async download(documentId, lane) {
      let base: URL | null = null;
      const target = (b: string): URL => (base = apiUrl(b, `documents/${encodeURIComponent(documentId)}/download`));
      const r = await caller.call(target, lane, (res) => downloadReader(dispatcher, timeoutMs, base as URL)(res));
      return r.ok ? { ok: true, ...r.value } : r;
    },
    stats: () => ({ ...stats }),
  };
}
