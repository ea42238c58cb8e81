import type { Clock } from '../clock';
import { send, sendError } from '../server/context';
import { bearerToken, INVALID_TOKEN_BODY } from '../server/default-middleware';
import type { Middleware } from '../server/pipeline';
import { ErrorType, Header } from '../wire';
import { rateLimitedMessage } from '../rate-limit/rate-limit-options';
import { FaultKind } from './fault-plan';
import type { FaultRegistry } from './fault-registry';
import { dropResponse, rewriteBody, truncateJson, truncatePage } from './response-rewrite';

/** Real-time waits started by faults; `close()` ends them so the simulator shuts down promptly. */
export class FaultTimers {
  private readonly waits = new Set<{ timer: NodeJS.Timeout; done: () => void }>();

  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const entry = { timer: setTimeout(() => finish(), ms), done: () => finish() };
      const finish = () => {
        clearTimeout(entry.timer);
        this.waits.delete(entry);
        resolve();
      };
      this.waits.add(entry);
    });
  }

  close(): void {
    for (const w of [...this.waits]) w.done();
  }
}

/**
 * Injects the first matching fault plan into `/api/v4` and `/oauth` requests (never the control API). Runs before
 * auth, so a revoked-token fault answers like a revoked token whatever the token's real state.
 */
export const faultMiddleware =
  (faults: FaultRegistry, clock: Clock, timers: FaultTimers): Middleware =>
  async (ctx, next) => {
    if (ctx.scope === 'control') return next();
    const token = bearerToken(ctx.headers[Header.Authorization]);
    const plan = faults.pick({ path: ctx.path, method: ctx.method, token, delivery: false }, clock.now());
    if (!plan) return next();
    switch (plan.kind) {
      case FaultKind.RateLimit: {
        const retry = plan.retryAfterSeconds ?? 60;
        return sendError(ctx, 429, ErrorType.RateLimited, rateLimitedMessage(retry), {
          [Header.RetryAfter]: retry,
          [Header.RateLimitRemaining]: 0,
          [Header.RateLimitReset]: Math.floor(clock.now() / 1000) + retry,
        });
      }
      case FaultKind.ServerError:
        return sendError(ctx, plan.status ?? 500, ErrorType.Internal, 'Simulated server error');
      case FaultKind.RevokedToken:
        return send(ctx, 401, INVALID_TOKEN_BODY);
      case FaultKind.Slow:
        await timers.wait(plan.delayMs ?? 1000);
        return next();
      case FaultKind.Timeout:
        await timers.wait(plan.delayMs ?? 30_000);
        ctx.responded = true;
        ctx.res.destroy();
        return;
      case FaultKind.MalformedJson:
        rewriteBody(ctx.res, (body, status) => (status < 300 ? truncateJson(body) : body));
        return next();
      case FaultKind.DropResponse:
        dropResponse(ctx.res);
        return next();
      case FaultKind.TruncatedPage:
        rewriteBody(ctx.res, (body, status) => (status === 200 ? truncatePage(body, plan.keep) : body));
        return next();
      default:
        return next();
    }
  };
