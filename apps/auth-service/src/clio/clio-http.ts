import { request } from 'undici';

/** What came back from one Clio call: a status and parsed JSON object body (null if none), or a network failure. */
export type ClioHttpResult =
  | { ok: true; status: number; body: Record<string, unknown> | null }
  /** `code` is the socket/undici error code only: messages can echo the request, which may hold a token. */
  | { ok: false; code: string };

const parseJson = (text: string): Record<string, unknown> | null => {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};

const codeOf = (e: unknown): string =>
  typeof e === 'object' && e !== null && typeof (e as { code?: unknown }).code === 'string'
    ? (e as { code: string }).code
    : 'unknown';

/** One HTTP call to Clio with a hard timeout; never throws, never puts the request into an error. */
export const clioHttp = async (
  url: URL,
  init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string; timeoutMs: number },
): Promise<ClioHttpResult> => {
  try {
    const res = await request(url, {
      method: init.method,
      headers: init.headers,
      ...(init.body !== undefined ? { body: init.body } : {}),
      headersTimeout: init.timeoutMs,
      bodyTimeout: init.timeoutMs,
    });
    return { ok: true, status: res.statusCode, body: parseJson(await res.body.text()) };
  } catch (e) {
    return { ok: false, code: codeOf(e) };
  }
};
