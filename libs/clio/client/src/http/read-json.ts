import type { RawResponse } from './send';

export type JsonRead = { ok: true; value: unknown } | { ok: false; reason: string };

/** Reads and parses one JSON body; a parse failure is a (retryable) malformed response. */
export async function readJson(res: RawResponse): Promise<JsonRead> {
  let text: string;
  try {
    text = await res.body.text();
  } catch {
    return { ok: false, reason: 'response body was cut off' };
  } finally {
    res.release();
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false, reason: 'malformed JSON body' };
  }
}

/** Clio's `{"error":{"type"}}` or OAuth's `{"error":"<code>"}`; never the message, which may echo input. */
export async function readErrorType(res: RawResponse): Promise<string | undefined> {
  const read = await readJson(res);
  if (!read.ok || typeof read.value !== 'object' || read.value === null) return undefined;
  const error = (read.value as { error?: unknown }).error;
  if (typeof error === 'string') return error.slice(0, 64);
  if (typeof error === 'object' && error !== null) {
    const type = (error as { type?: unknown }).type;
    if (typeof type === 'string') return type.slice(0, 64);
  }
  return undefined;
}
