import { Agent, request, type Dispatcher } from 'undici';
import type { HeaderBag } from '../budget/rate-headers';

export interface RawResponse {
  status: number;
  headers: HeaderBag;
  body: Dispatcher.ResponseData['body'];
  /** Ends the request deadline: call once the body is read or discarded, or before handing it to a streaming consumer. */
  release(): void;
}

const TIMEOUT_CODE = 'CLIO_REQUEST_TIMEOUT';

let sharedAgent: Agent | undefined;

/** One keep-alive pool per process for every Clio host (a few connections; Clio allows ~1 req/s per token anyway). */
export function defaultDispatcher(): Dispatcher {
  sharedAgent ??= new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 120_000, connections: 16 });
  return sharedAgent;
}

/**
 * GET without following redirects, with a precise deadline of `timeoutMs` from sending until `release()` (undici's
 * own timeouts tick coarsely, about once a second). `bodyTimeout` still bounds stalls of a streamed body after release.
 */
export async function httpGet(
  dispatcher: Dispatcher,
  url: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<RawResponse> {
  return httpSend(dispatcher, { method: 'GET', url, headers }, timeoutMs);
}

/** A request other than a listing read: a webhook create, renewal or delete (JSON body, or none). */
export interface SendSpec {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  headers: Record<string, string>;
  body?: string;
}

/** Like {@link httpGet} for any method, with the same deadline. */
export async function httpSend(dispatcher: Dispatcher, spec: SendSpec, timeoutMs: number): Promise<RawResponse> {
  const { method, url, headers, body } = spec;
  const ac = new AbortController();
  const timer = setTimeout(
    () => ac.abort(Object.assign(new Error('request timed out'), { code: TIMEOUT_CODE })),
    timeoutMs,
  );
  try {
    const res = await request(url, {
      method,
      headers,
      ...(body !== undefined && { body }),
      dispatcher,
      bodyTimeout: timeoutMs,
      maxRedirections: 0,
      signal: ac.signal,
    });
    return { status: res.statusCode, headers: res.headers, body: res.body, release: () => clearTimeout(timer) };
  } catch (err) {
    clearTimeout(timer);
    throw err;
  }
}

/** Frees the connection for reuse when the body is not wanted. */
export async function discard(res: RawResponse): Promise<void> {
  res.release();
  try {
    await res.body.dump();
  } catch {
    // a broken body only means the socket is not reused
  }
}

/** A network-level failure described without URL, headers or token: the error code or class name. */
export function describeNetworkError(err: unknown): string {
  if (typeof err === 'object' && err !== null) {
    const code = (err as { code?: unknown }).code;
    if (code === TIMEOUT_CODE) return 'request timed out';
    if (typeof code === 'string') return `network error ${code}`;
    if (err instanceof Error) return `network error ${err.name}`;
  }
  return 'network error';
}
