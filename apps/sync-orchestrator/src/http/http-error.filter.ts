import { Catch, HttpException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Logger } from 'pino';
import { isTooMuchContention } from '../sync/conflict-retry';
import type { HttpResponse } from './http-types';

/**
 * Every error leaves as `{statusCode, error, message}`. HttpExceptions keep their own body. Contention beyond the
 * retry budget is a 503 the client may retry. Anything else is a bug or an outage: logged by name and code, and
 * answered without detail, so nothing a dependency put in an error message reaches a client.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  constructor(private readonly log: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<HttpResponse>();
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      res.status(exception.getStatus()).json(typeof body === 'string' ? { statusCode: exception.getStatus(), message: body } : body);
      return;
    }
    if (isTooMuchContention(exception)) {
      res.setHeader('Retry-After', '1');
      res.status(503).json({ statusCode: 503, error: 'Service Unavailable', message: 'Too many concurrent changes; retry' });
      return;
    }
    const e = exception instanceof Error ? exception : new Error(String(exception));
    const code = (e as { code?: unknown }).code;
    this.log.error({ err: e.name, code: typeof code === 'string' ? code : undefined, detail: e.message }, 'request failed');
    res.status(500).json({ statusCode: 500, error: 'Internal Server Error', message: 'internal error' });
  }
}
