import { send, type Handler, type RequestContext } from '../server/context';

/** Adds one control route; the path is relative to the control prefix. */
export type ControlRoute = (method: string, path: string, handler: Handler) => void;

/** Control-API answers: plain JSON, errors as `{"error":{"type":"ControlError","message"}}`. */
export const ok = (ctx: RequestContext, body: unknown, status = 200): void => send(ctx, status, body);

export const fail = (ctx: RequestContext, status: number, message: string): void =>
  send(ctx, status, { error: { type: 'ControlError', message } });

/** The JSON object body, `{}` when empty; undefined (after answering 400) when it is not an object. */
export const objectBody = async (ctx: RequestContext): Promise<Record<string, unknown> | undefined> => {
  let body: unknown;
  try {
    body = await ctx.json();
  } catch {
    fail(ctx, 400, 'body is not valid JSON');
    return undefined;
  }
  if (body === undefined) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    fail(ctx, 400, 'body must be a JSON object');
    return undefined;
  }
  return body as Record<string, unknown>;
};

export const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
export const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
