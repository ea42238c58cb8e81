import type { Dispatcher } from 'undici';
import type { Kysely } from 'kysely';
import type { AccessTokenReply } from '@sf/contracts';
import type { ClioClientTables } from './schema/clio-rate-budget.tables';

/** Clio Manage index resources the sync reads (path `/<resource>.json`). */
export type ClioResource =
  | 'matters'
  | 'contacts'
  | 'calendar_entries'
  | 'tasks'
  | 'documents'
  | 'folders'
  | 'activities'
  | 'users'
  | 'custom_fields'
  | 'notes'
  | 'relationships';

/**
 * Priority lane of a request against the shared per-connection budget: `interactive` and `webhook` may spend the
 * budget down to 0; `backfill` stops at a reserve of ceil(limit * reserveShare) until the window's last 10 s.
 */
export type Lane = 'interactive' | 'webhook' | 'backfill';

/** What a caller tells the TokenProvider beyond the firm (the optional fields of `AccessTokenRequest`). */
export interface TokenRequestOptions {
  /** The token Clio just answered 401 to; bypasses any cache and asks for a refresh. */
  rejectedToken?: string;
  /**
   * Clio answered 401 to `rejectedToken` although it came from a refresh: asks the auth service to mark the
   * connection needs_reauth. Bypasses any cache. Default false.
   */
  unauthorizedAfterRefresh?: boolean;
}

/** Port through which the client obtains access tokens (never stored beyond memory, never logged). */
export interface TokenProvider {
  getToken(firmId: string, opts?: TokenRequestOptions): Promise<AccessTokenReply>;
}

export interface ListRequest {
  resource: ClioResource;
  /** Clio `fields` selection (top level comma-joined; nested braces allowed, e.g. `client{id,name}`). */
  fields: string[];
  /** Extra query filters, e.g. `{ updated_since: iso }` or `{ 'ids[]': ['1', '2'] }`. */
  filters?: Record<string, string | string[]>;
  /** Page size, 1..200; default 200. */
  limit?: number;
}

export interface ClioPage {
  records: Array<Record<string, unknown>>;
  /** `meta.paging.next` (full URL) or null on the last page. */
  nextUrl: string | null;
  /** The URL this page was fetched from. */
  url: string;
  /**
   * `meta.records` verbatim when Clio sends it. Its meaning is not documented (an official example shows the page's
   * own count): read it through `matchCount`, never as a total on its own.
   */
  total: number | null;
  /**
   * Clio's clock when it answered: the response's HTTP `Date` header as an ISO instant (whole seconds), or null
   * when the header is missing or unreadable. Bookmarks are taken from Clio's clock, never the caller's.
   */
  serverDate: string | null;
}

export type PageFailure =
  /** Budget exhausted beyond the wait threshold, or 429 that persisted: the caller blocks the job until `retryAt`. */
  | { ok: false; kind: 'rate_limited'; retryAt: number /* epoch ms */; reason: string }
  /** 401 not cured by one refresh, or the token provider says the connection needs re-authorisation / was revoked. */
  | { ok: false; kind: 'needs_reauth'; reason: string }
  | { ok: false; kind: 'not_connected'; reason: string }
  /** 403: the token's user or app may not read this resource (missing scope, disabled permission). */
  | { ok: false; kind: 'forbidden'; reason: string; status: 403 }
  /**
   * Clio refused a `page_token` cursor (4xx on a request carrying one, e.g. expired after a long block or pause):
   * the listing must start again from its first page; retrying the cursor cannot help.
   */
  | { ok: false; kind: 'cursor_rejected'; reason: string; status: number }
  /** After the retry attempts are used up, or a 4xx that retrying cannot fix. */
  | { ok: false; kind: 'failed'; reason: string; status?: number };

export type PageOutcome = { ok: true; page: ClioPage; apiCalls: number } | PageFailure;

/** A count Clio's answer backs up (see `matchCount`), or null with the reason it is unknown. */
export type CountOutcome = { ok: true; total: number } | { ok: true; total: null; reason: string } | PageFailure;
export type GetOutcome = { ok: true; record: Record<string, unknown> } | PageFailure;
/** A write (`ClioClient.send`): the record Clio answered with, or null for 204 No Content. */
export type SendOutcome = { ok: true; status: number; record: Record<string, unknown> | null } | PageFailure;

/**
 * A request to a path that is not a mirrored resource: e.g. webhook show (GET), create (POST), renewal (PATCH),
 * activation (PUT), delete (DELETE). `path` is relative to the API base, without `.json` (added by the client),
 * e.g. `webhooks/41`.
 */
export interface SendRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  path: string;
  fields?: string[];
  /** JSON body, e.g. `{ data: { … } }`. */
  body?: unknown;
  /** Extra headers, e.g. `X-Hook-Secret` on activation. */
  headers?: Record<string, string>;
}

export type DownloadOutcome =
  { ok: true; body: NodeJS.ReadableStream; contentType: string | null; size: number | null } | PageFailure;

export interface ClioClientStats {
  /** Requests sent to the Clio API (every attempt; each took one budget unit). The signed download URL is not counted. */
  apiCalls: number;
  r429: number;
  /** Re-attempts after a transient failure or a 429. */
  retries: number;
  /** Token refreshes asked of the TokenProvider after a 401. */
  refreshes: number;
}

export interface ClioClient {
  /** First page of a listing (cursor pagination, order=id(asc)), or the page at `cursorUrl` (a previous page's nextUrl) to resume. */
  fetchPage(req: ListRequest | { cursorUrl: string }, lane: Lane): Promise<PageOutcome>;
  /** Async iterator over pages in constant memory, stopping at the first non-ok outcome (yielded last). */
  pages(req: ListRequest, lane: Lane, opts?: { fromCursor?: string }): AsyncIterable<PageOutcome>;
  /**
   * Records matching a resource+filters (one request, limit=1 and fields=id): the page's own count when one page
   * holds them all, else `meta.records` when the page backs it up (`matchCount`); null with the reason otherwise.
   */
  count(resource: ClioResource, filters: Record<string, string>, lane: Lane): Promise<CountOutcome>;
  get(resource: ClioResource, id: string, fields: string[], lane: Lane): Promise<GetOutcome>;
  /**
   * A write under the budget like any request. A transient failure is retried, so a retried POST may create twice:
   * callers of non-idempotent writes (webhook creation) reconcile by listing.
   */
  send(req: SendRequest, lane: Lane): Promise<SendOutcome>;
  /** Streams a document's latest version (follows the 303 to the signed URL); for document processing later. */
  download(documentId: string, lane: Lane): Promise<DownloadOutcome>;
  stats(): ClioClientStats;
}

export interface RetryOptions {
  /** Total attempts per request for transient failures (network, 5xx, timeout, bad page). Default 5. */
  attempts?: number;
  /** Backoff base in ms (full jitter: sleep random(0, min(maxMs, baseMs * 2^n))). Default 500. */
  baseMs?: number;
  /** Backoff cap in ms. Default 30_000. */
  maxMs?: number;
}

export interface ClioClientOptions<DB extends ClioClientTables = ClioClientTables> {
  /** The process's pool; the client uses only its rate-budget table. */
  db: Kysely<DB>;
  firmId: string;
  tokens: TokenProvider;
  /** Pinned `X-API-VERSION` sent on every request. Default '4.0.9'. */
  apiVersion?: string;
  retry?: RetryOptions;
  /** Share of the limit that the `backfill` lane leaves untouched (ceil(limit * share)). Default `BACKFILL_RESERVE_SHARE`. */
  reserveShare?: number;
  /**
   * Longest wait (ms) the client plans on the clock for an empty budget or a 429 `Retry-After`; anything longer
   * returns `rate_limited` so the caller blocks the job. Default 90_000.
   */
  maxWaitMs?: number;
  /** Clock, epoch ms. Default Date.now. Shared with `sleep` in tests (fake clock). */
  now?: () => number;
  /** Default a real timer. */
  sleep?: (ms: number) => Promise<void>;
  /** Random source in [0,1) for backoff jitter. Default Math.random. */
  random?: () => number;
  /** undici dispatcher for every request. Default a process-wide keep-alive Agent. */
  dispatcher?: Dispatcher;
  /** Per-request timeout (headers and body), ms. Default 30_000. */
  requestTimeoutMs?: number;
}
