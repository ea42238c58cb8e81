import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Logger } from 'pino';
import { errorAnswer, type KnownFailure } from './error-answer';
import type { HttpErrorResponse } from './http-response';

export interface HttpErrorFilterOptions {
  /** Expected failures answered with their own status and message, checked in order. Default none. */
  known?: readonly KnownFailure[];
}

/**
 * Every error leaves as `{statusCode, error, message}` (see {@link errorAnswer}). Anything unexpected is a bug or an
 * outage: logged by class, stable code and stack frame locations (never the message: a driver's or HTTP client's
 * message can quote a token) and answered without detail, so nothing a dependency put in a message reaches a
 * client or the log. Register with `app.useGlobalFilters(...)`.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  constructor(
    private readonly log: Logger,
    private readonly options: HttpErrorFilterOptions = {},
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<HttpErrorResponse>();
    const a = errorAnswer(exception, this.options.known ?? []);
    if (a.log) this.log.error({ err: a.log }, 'request failed');
    for (const [name, value] of Object.entries(a.headers)) res.setHeader(name, value);
    res.status(a.status).json(a.body);
  }
}
