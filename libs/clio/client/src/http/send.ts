import { Agent, request, type Dispatcher } from 'undici';
import type { HeaderBag } from '../budget/rate-headers';

export interface RawResponse {
  status: number;
  headers: HeaderBag;
  body: Dispatcher.ResponseData['body'];
}

let sharedAgent: Agent | undefined;

/** One keep-alive pool per process for every Clio host (a few connections; Clio allows ~1 req/s per token anyway). */
export function defaultDispatcher(): Dispatcher {
  sharedAgent ??= new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 120_000, connections: 16 });
  return sharedAgent;
}

/** GET without following redirects. `timeoutMs` bounds the wait for headers and each gap between body chunks. */
export async function httpGet(
  dispatcher: Dispatcher,
  url: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<RawResponse> {
  const res = await request(url, {
    method: 'GET',
    headers,
    dispatcher,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    maxRedirections: 0,
  });
  return { status: res.statusCode, headers: res.headers, body: res.body };
}

/** Frees the connection for reuse when the body is not wanted. */
export async function discard(res: RawResponse): Promise<void> {
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
    if (typeof code === 'string') return `network error ${code}`;
    if (err instanceof Error) return `network error ${err.name}`;
  }
  return 'network error';
}
