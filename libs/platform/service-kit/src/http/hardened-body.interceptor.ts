import type { IncomingMessage } from 'node:http';
import {
  BadRequestException,
  HttpException,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { from, switchMap, type Observable } from 'rxjs';
import { BODY_LIMIT_KEY, BodyLimits } from './body-limit';
import { readJsonBody } from './read-json-body';
import { hasUnsafeText, unsafeJsonProblem } from './unsafe-json';

type Request = IncomingMessage & {
  body?: unknown;
  /** The body's bytes as sent, for routes that verify a signature over them (webhook ingress). */
  rawBody?: Buffer;
  params?: Record<string, unknown>;
  query?: unknown;
};

const ERRORS = { 413: 'Payload Too Large', 415: 'Unsupported Media Type', 400: 'Bad Request' } as const;

/**
 * Global interceptor (after the JWT guard, before the pipes): reads the JSON body under the route's declared
 * {@link BodyLimit} (none declared: no body allowed) and refuses path and query values holding NUL or an unpaired
 * surrogate, so no handler, pipe or query ever sees them. The app must be created with `bodyParser: false`. The bytes
 * read stay on `req.rawBody` (HMAC-signed webhook deliveries are verified over them).
 */
@Injectable()
export class HardenedBodyInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'http') return next.handle();
    const req = ctx.switchToHttp().getRequest<Request>();
    const limit = this.reflector.get<number | undefined>(BODY_LIMIT_KEY, ctx.getHandler()) ?? BodyLimits.none;
    return from(this.prepare(req, limit)).pipe(switchMap(() => next.handle()));
  }

  private async prepare(req: Request, limit: number): Promise<void> {
    for (const [name, value] of Object.entries(req.params ?? {}))
      if (typeof value === 'string' && hasUnsafeText(value))
        throw new BadRequestException(`${name}: must not contain NUL or an unpaired surrogate`);
    const queryProblem = unsafeJsonProblem(req.query ?? {}, 'query');
    if (queryProblem) throw new BadRequestException(queryProblem);
    const read = await readJsonBody(req, limit);
    if (!read.ok) {
      throw new HttpException(
        { statusCode: read.status, error: ERRORS[read.status], message: read.message },
        read.status,
      );
    }
    req.body = read.body;
    req.rawBody = read.raw;
  }
}
