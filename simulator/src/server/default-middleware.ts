import type { Middleware } from './pipeline';
import { send, sendError, BadJsonError, BodyTooLargeError } from './context';
import { DEFAULT_API_VERSION, ErrorType, Header, SUPPORTED_API_VERSIONS } from '../wire';
import type { RequestLog } from './request-log';

/** Body Clio sends for a missing, expired or unknown token (S-360004657734); OAuth-style, not the Error schema. */
export const INVALID_TOKEN_BODY = {
  error: 'invalid_token',
  error_description: 'The access token provided is expired, revoked, malformed or invalid for other reasons.',
} as const;

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** Extract the bearer token from an Authorization header value, or `undefined`. */
export const bearerToken = (header: string | undefined): string | undefined => BEARER.exec(header ?? '')?.[1];

/** Default auth: any `Authorization: Bearer <x>` passes on `api` routes and sets `ctx.token`; missing → 401. */
export const acceptAnyBearer: Middleware = async (ctx, next) => {
  if (ctx.scope !== 'api') return next();
  const token = bearerToken(ctx.headers[Header.Authorization]);
  if (!token) return send(ctx, 401, INVALID_TOKEN_BODY);
  ctx.token = token;
  return next();
};

/** `X-API-VERSION`: absent → default; supported → used and echoed on success; anything else → 410 Gone. */
export const versionHeader =
  (supported: readonly string[] = SUPPORTED_API_VERSIONS, fallback: string = DEFAULT_API_VERSION): Middleware =>
  async (ctx, next) => {
    if (ctx.scope !== 'api') return next();
    const raw = ctx.headers[Header.ApiVersion];
    const requested = Array.isArray(raw) ? raw[0] : raw;
    if (requested === undefined || requested === '') {
      ctx.apiVersion = fallback;
      return next();
    }
    if (!supported.includes(requested)) {
      return sendError(
        ctx,
        410,
        ErrorType.Gone,
        `API version ${JSON.stringify(requested)} is invalid or no longer supported`,
      );
    }
    ctx.apiVersion = requested;
    return next();
  };

/** Last slot: run the matched handler; 404 when nothing matched; map body errors to 400/413 and bugs to 500. */
export const dispatch: Middleware = async (ctx) => {
  const route = ctx.route;
  if (!route) return sendError(ctx, 404, ErrorType.NotFound, 'The requested resource was not found');
  try {
    await route.handler(ctx);
  } catch (err) {
    if (err instanceof BadJsonError) return sendError(ctx, 400, ErrorType.BadRequest, err.message);
    if (err instanceof BodyTooLargeError) return sendError(ctx, 413, ErrorType.BadRequest, err.message);
    if (!ctx.responded) sendError(ctx, 500, ErrorType.Internal, 'Internal simulator error');
    throw err;
  }
};

/** Records method, route pattern, status and duration of every request into `log` (no query, no headers). */
export const requestLogger =
  (log: RequestLog, now: () => number): Middleware =>
  async (ctx, next) => {
    const start = now();
    try {
      await next();
    } finally {
      log.push({
        at: start,
        region: ctx.region,
        method: ctx.method,
        path: ctx.path,
        route: ctx.route?.pattern,
        status: ctx.res.statusCode,
        durationMs: now() - start,
      });
    }
  };
