import type { Clock } from '../clock';
import { bearerToken } from '../server/default-middleware';
import type { Middleware } from '../server/pipeline';
import { Header } from '../wire';
import type { RateLimiter } from './rate-limiter';

/**
 * Clio sends `X-RateLimit-*` on every response (Clio's rate-limit docs), a 401 included. The limiter runs after
 * auth (only valid tokens count), so this wraps the auth slot: the presented token's current window goes on the
 * response first, without counting; an admitted request's limiter overwrites it.
 */
export const withRateHeaders =
  (auth: Middleware, limiters: (region: string) => RateLimiter | undefined, clock: Clock): Middleware =>
  async (ctx, next) => {
    const limiter = ctx.scope === 'api' ? limiters(ctx.region) : undefined;
    if (limiter) {
      const w = limiter.peek(bearerToken(ctx.headers[Header.Authorization]) ?? '', clock.now());
      ctx.res.setHeader(Header.RateLimitLimit, w.limit);
      ctx.res.setHeader(Header.RateLimitRemaining, w.remaining);
      ctx.res.setHeader(Header.RateLimitReset, w.resetAt);
    }
    return auth(ctx, next);
  };
