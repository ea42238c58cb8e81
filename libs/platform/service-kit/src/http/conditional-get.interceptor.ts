import type { IncomingMessage, ServerResponse } from 'node:http';
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { map, type Observable } from 'rxjs';
import { etagOf, ifNoneMatchHits } from './conditional-get';

/**
 * Global interceptor: every GET answered with a JSON object or array gets an `ETag` (over the body), and a request
 * whose `If-None-Match` holds it gets 304 without a body. The body is serialised once here and sent as is.
 */
@Injectable()
export class ConditionalGetInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'http') return next.handle();
    const http = ctx.switchToHttp();
    const req = http.getRequest<IncomingMessage>();
    if (req.method !== 'GET') return next.handle();
    const res = http.getResponse<ServerResponse>();
    return next.handle().pipe(
      map((body: unknown) => {
        if (body === null || typeof body !== 'object' || res.headersSent) return body;
        const json = JSON.stringify(body);
        const tag = etagOf(json);
        res.setHeader('ETag', tag);
        if (ifNoneMatchHits(req.headers['if-none-match'], tag)) {
          res.statusCode = 304;
          return undefined;
        }
        res.setHeader('Content-Type', 'application/json; charset=utf-8');
        return json;
      }),
    );
  }
}
