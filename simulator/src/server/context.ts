import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Region } from '../wire';
import { ErrorType, Header, JSON_CONTENT_TYPE } from '../wire';

/** Largest request body the simulator reads (bytes). Bigger bodies get 413. */
export const MAX_BODY_BYTES = 8 * 1024 * 1024;

/**
 * Which family a request belongs to. Middlewares decide on it: auth, rate limit and the version header apply to
 * `api` only; `oauth`, `control` and `public` (signed download URLs) pass through.
 */
export type RouteScope = 'api' | 'oauth' | 'control' | 'public';

/** A route handler answers through {@link send}/{@link sendError}. */
export type Handler = (ctx: RequestContext) => Promise<void> | void;

/** The route a request matched; the router builds it, the request carries it. */
export interface MatchedRoute {
  readonly handler: Handler;
  readonly params: Record<string, string>;
  readonly scope: RouteScope;
  /** The pattern as registered, e.g. `/api/v4/matters/:id` (stable label for logs and metrics). */
  readonly pattern: string;
}

/**
 * One HTTP request as seen by middlewares and handlers.
 *
 * Plug-in contract: middlewares may read everything, set `token`, write into `state` (namespaced keys such as
 * `'rateLimit.remaining'`), add response headers with `res.setHeader` before the handler sends, or answer
 * themselves with {@link send}/{@link sendError} and not call `next()`. Handlers answer through the same helpers.
 */
export class RequestContext {
  /** Path without query string, e.g. `/api/v4/matters/12.json`. */
  readonly path: string;
  /** Upper-case HTTP method. */
  readonly method: string;
  /** Bearer token, set by the auth middleware (never logged). */
  token?: string;
  /** API minor version in effect (set by the versionHeader middleware); echoed as `X-API-VERSION` on 1xx-3xx. */
  apiVersion?: string;
  /** Route found for this request (set before the pipeline runs), `undefined` when none matched. */
  route?: MatchedRoute;
  /** Free-form per-request state shared between middlewares and handlers. */
  readonly state = new Map<string, unknown>();
  /** Set once a response was sent (by {@link send} or a middleware streaming a body). */
  responded = false;
  private queryCache?: URLSearchParams;
  private bodyCache?: Promise<string>;
  private readonly rawQuery: string;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    /** Region of the server that received the request. */
    readonly region: Region,
    /** Origin of that server, e.g. `http://127.0.0.1:4010` (used to build absolute URLs). */
    readonly origin: string,
  ) {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    this.path = q < 0 ? url : url.slice(0, q);
    this.rawQuery = q < 0 ? '' : url.slice(q + 1);
    this.method = (req.method ?? 'GET').toUpperCase();
  }

  /** Parsed query string (lazily). */
  get query(): URLSearchParams {
    if (!this.queryCache) this.queryCache = new URLSearchParams(this.rawQuery);
    return this.queryCache;
  }

  /** Request headers (lower-case names, as node gives them). */
  get headers(): IncomingMessage['headers'] {
    return this.req.headers;
  }

  /** Route params (`:id` etc.), empty when no route matched. */
  get params(): Readonly<Record<string, string>> {
    return this.route?.params ?? {};
  }

  /** Scope of the matched route, or derived from the path when nothing matched. */
  get scope(): RouteScope {
    return this.route?.scope ?? scopeOfPath(this.path);
  }

  /** The raw body as UTF-8 (read once, cached; rejects bodies above {@link MAX_BODY_BYTES}). */
  bodyText(): Promise<string> {
    if (!this.bodyCache) this.bodyCache = readBody(this.req);
    return this.bodyCache;
  }

  /** The body parsed as JSON; `undefined` for an empty body. Throws {@link BadJsonError} on malformed JSON. */
  async json(): Promise<unknown> {
    const text = await this.bodyText();
    if (text.trim() === '') return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new BadJsonError();
    }
  }
}

export class BadJsonError extends Error {
  readonly code = 'SIM.BAD_JSON';
  constructor() {
    super('Request body is not valid JSON');
  }
}

export class BodyTooLargeError extends Error {
  readonly code = 'SIM.BODY_TOO_LARGE';
  constructor() {
    super('Request body too large');
  }
}

export const scopeOfPath = (path: string): RouteScope => {
  if (path.startsWith('/api/')) return 'api';
  if (path.startsWith('/oauth/')) return 'oauth';
  if (path.startsWith('/_control')) return 'control';
  return 'public';
};

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLargeError());
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

export type HeaderMap = Record<string, string | number | readonly string[]>;

/**
 * Send a response. `body` may be a string (sent as is), a Buffer, `undefined` (no body) or any other value
 * (serialised with JSON.stringify). JSON bodies get Clio's `application/json; charset=utf-8`.
 */
export const send = (ctx: RequestContext, status: number, body?: unknown, headers: HeaderMap = {}): void => {
  if (ctx.responded) return;
  ctx.responded = true;
  const res = ctx.res;
  if (ctx.apiVersion !== undefined && status < 400) res.setHeader(Header.ApiVersion, ctx.apiVersion);
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v as string | number | readonly string[]);
  if (body === undefined) {
    res.statusCode = status;
    res.end();
    return;
  }
  const payload = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  if (!res.hasHeader(Header.ContentType)) res.setHeader(Header.ContentType, JSON_CONTENT_TYPE);
  res.setHeader(Header.ContentLength, Buffer.byteLength(payload));
  res.statusCode = status;
  res.end(payload);
};

/**
 * Send a JSON body given as byte chunks (a list page assembled from cached records): written corked, with a
 * Content-Length, and never concatenated, so serving a page allocates no page-sized buffer.
 * Plug-in contract: a middleware that replaced `res.end` (to rewrite bodies) still gets the whole body in a single
 * `res.end(buffer)` call, as from {@link send}.
 */
export const sendChunks = (
  ctx: RequestContext,
  status: number,
  chunks: readonly Buffer[],
  headers: HeaderMap = {},
): void => {
  if (ctx.responded) return;
  ctx.responded = true;
  const res = ctx.res;
  if (ctx.apiVersion !== undefined && status < 400) res.setHeader(Header.ApiVersion, ctx.apiVersion);
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v as string | number | readonly string[]);
  let length = 0;
  for (const c of chunks) length += c.length;
  if (!res.hasHeader(Header.ContentType)) res.setHeader(Header.ContentType, JSON_CONTENT_TYPE);
  res.setHeader(Header.ContentLength, length);
  res.statusCode = status;
  if (Object.prototype.hasOwnProperty.call(res, 'end')) {
    res.end(Buffer.concat(chunks as Buffer[], length));
    return;
  }
  res.cork();
  for (const c of chunks) res.write(c);
  res.end();
  res.uncork();
};

/** Clio's error body shape. */
export type ClioErrorBody = { error: { type: string; message: string } };

/** Send `{"error":{"type","message"}}` with `status`. */
export const sendError = (
  ctx: RequestContext,
  status: number,
  type: ErrorType | string,
  message: string,
  headers: HeaderMap = {},
): void => send(ctx, status, { error: { type, message } } satisfies ClioErrorBody, headers);
