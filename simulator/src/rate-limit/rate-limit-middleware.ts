import type { Clock } from '../clock';
import { callerOf } from '../oauth/auth-state';
import { sendError } from '../server/context';
import type { Middleware } from '../server/pipeline';
import { ErrorType, Header } from '../wire';
import { rateLimitedMessage } from './rate-limit-options';
import type { RateLimiter } from './rate-limiter';

/**
 * Per-token limit on `/api/v4` (after auth, so only valid tokens count). Every response carries
 * `X-RateLimit-Limit/Remaining/Reset`; a refused request gets 429 with `Retry-After` (D-RL). 304s count too
 * (Clio does not say; counting is the cautious choice for clients).
 */
export const rateLimitMiddleware =
  (
    limiters: (region: string) => RateLimiter | undefined,
    clock: Clock,
    appLimit: (region: string, clientId: string) => number | undefined,
  ): Middleware =>
  async (ctx, next) => {
    const limiter = ctx.scope === 'api' && ctx.token ? limiters(ctx.region) : undefined;
    if (!limiter || !ctx.token) return next();
    const clientId = callerOf(ctx)?.clientId ?? '';
    const check = limiter.check(
      { token: ctx.token, clientId, appPerSecond: appLimit(ctx.region, clientId) },
      clock.now(),
    );
    ctx.res.setHeader(Header.RateLimitLimit, check.limit);
    ctx.res.setHeader(Header.RateLimitRemaining, check.remaining);
    ctx.res.setHeader(Header.RateLimitReset, check.resetAt);
    if (!check.allowed) {
      return sendError(ctx, 429, ErrorType.RateLimited, rateLimitedMessage(check.retryAfterSeconds), {
        [Header.RetryAfter]: check.retryAfterSeconds,
      });
    }
    return next();
  };
