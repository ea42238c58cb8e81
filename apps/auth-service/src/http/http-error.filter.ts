import { Catch, HttpException, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Logger } from 'pino';
import { isLockTimeout } from '@sf/token-vault';
import type { HttpResponse } from './http-types';

/**
 * Every error leaves as `{statusCode, error, message}`. HttpExceptions keep their own body. Anything else is a bug
 * or an outage: it is logged by name, code and message (our errors carry ids only) and answered without detail,
 * so nothing a dependency put in an error message can reach a client.
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
    const e = exception instanceof Error ? exception : new Error(String(exception));
    const code = (e as { code?: unknown }).code;
    if (isLockTimeout(e)) {
      res.status(HttpStatus.SERVICE_UNAVAILABLE).json({ statusCode: 503, error: 'Service Unavailable', message: 'the connection is busy (a token refresh is in flight); retry' });
      return;
    }
    this.log.error({ err: e.name, errCode: typeof code === 'string' ? code : undefined, detail: e.message }, 'request failed');
    res.status(HttpStatus.INTERNAL_SERVER_ERROR).json({ statusCode: 500, error: 'Internal Server Error', message: 'internal error' });
  }
}
