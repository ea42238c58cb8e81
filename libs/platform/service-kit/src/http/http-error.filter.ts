import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Logger } from 'pino';
import { errorAnswer, type KnownFailure } from './error-answer';
import type { HttpErrorResponse } from './http-response';

export interface HttpErrorFilterOptions {
  /** Expected failures answered with their own status and message, checked in order. Default none. */
  known?: readonly KnownFailure[];
  /** Log field that carries the error's `code` of an unexpected error. Default `code`. */
  codeLogField?: string;
}

/**
 * Every error leaves as `{statusCode, error, message}` (see {@link errorAnswer}). Anything unexpected is a bug or an
 * outage: logged by name, code and message (our errors carry ids only) and answered without detail, so nothing a
 * dependency put in an error message reaches a client. Register with `app.useGlobalFilters(...)`.
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
    if (a.log) {
      const { err, code, detail } = a.log;
      this.log.error({ err, [this.options.codeLogField ?? 'code']: code, detail }, 'request failed');
    }
    for (const [name, value] of Object.entries(a.headers)) res.setHeader(name, value);
    res.status(a.status).json(a.body);
  }
}
