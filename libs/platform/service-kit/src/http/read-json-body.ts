import type { IncomingMessage } from 'node:http';
import { unsafeJsonProblem } from './unsafe-json';

/** What reading a request body came to: the parsed object (`{}` when none was sent), or a refusal. */
export type BodyOutcome =
  | {
      ok: true;
      body: Record<string, unknown>;
      /** The bytes as sent (a signature is computed over them). */ raw: Buffer;
    }
  | { ok: false; status: 400 | 413 | 415; message: string };

const refuse = (status: 400 | 413 | 415, message: string): BodyOutcome => ({ ok: false, status, message });

const JSON_TYPE = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

/** True when the request announces a body: a non-zero length, or any transfer coding. */
const announcesBody = (req: IncomingMessage): boolean =>
  req.headers['transfer-encoding'] !== undefined ||
  (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');

/** Reads at most `limit` bytes; null when the body is longer. */
const readUpTo = async (req: IncomingMessage, limit: number): Promise<Buffer | null> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
};

/**
 * Reads a JSON request body under the route's limit (`0`: the route takes no body). Refusals name the problem and
 * never quote the input: 413 above the limit (by Content-Length before reading, or while reading), 415 for another
 * Content-Type or any Content-Encoding but identity, 400 for a body on a route without one, bytes that are not
 * UTF-8, text that is not JSON, a value that is not an object, and what `unsafeJsonProblem` finds.
 */
export const readJsonBody = async (req: IncomingMessage, limit: number): Promise<BodyOutcome> => {
  if (!announcesBody(req)) return { ok: true, body: {}, raw: Buffer.alloc(0) };
  if (limit === 0) return refuse(400, 'body: this route takes no body');
  const encoding = req.headers['content-encoding'];
  if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity')
    return refuse(415, 'Content-Encoding: only identity is accepted');
  if (!JSON_TYPE.test(req.headers['content-type'] ?? '')) return refuse(415, 'Content-Type: must be application/json');
  const declared = Number(req.headers['content-length'] ?? '0');
  if (declared > limit) return refuse(413, `body: larger than ${limit} bytes`);
  const bytes = await readUpTo(req, limit);
  if (bytes === null) return refuse(413, `body: larger than ${limit} bytes`);
  if (bytes.length === 0) return { ok: true, body: {}, raw: bytes };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return refuse(400, 'body: not valid UTF-8');
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return refuse(400, 'body: not valid JSON');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return refuse(400, 'body: must be a JSON object');
  const problem = unsafeJsonProblem(value, 'body');
  return problem ? refuse(400, problem) : { ok: true, body: value as Record<string, unknown>, raw: bytes };
};
