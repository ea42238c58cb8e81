import { HttpException } from '@nestjs/common';
import { safeErrorFields, type SafeErrorFields } from '@sf/logging';

/** An error a service expects now and then (an outage it can name, contention) and the answer it gets. */
export interface KnownFailure {
  /** True for the errors this answer covers; sees the thrown value as is. */
  matches: (e: unknown) => boolean;
  /** HTTP status, e.g. 503. */
  status: number;
  /** The status's reason phrase, e.g. `Service Unavailable`. */
  error: string;
  /** Sent to the client: fixed text, never the error's own message. */
  message: string;
  /** Seconds for `Retry-After`; unset = no header. */
  retryAfterSeconds?: number;
}

/** What leaves for one error: status, headers and body, and what to log when it is a bug or an outage. */
export interface ErrorAnswer {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  /** Set for unexpected errors only: the error's class, stable code and stack frame locations, never its message. */
  log?: SafeErrorFields;
}

const INTERNAL = { statusCode: 500, error: 'Internal Server Error', message: 'internal error' } as const;

/**
 * The answer to a thrown value. HttpExceptions keep their own body (a string body becomes `{statusCode, message}`);
 * the first matching known failure answers `{statusCode, error, message}`; anything else is a 500 without detail.
 * Pure.
 */
export const errorAnswer = (exception: unknown, known: readonly KnownFailure[]): ErrorAnswer => {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const body = exception.getResponse();
    return { status, headers: {}, body: typeof body === 'string' ? { statusCode: status, message: body } : body };
  }
  const k = known.find((f) => f.matches(exception));
  if (k) {
    return {
      status: k.status,
      headers: k.retryAfterSeconds === undefined ? {} : { 'Retry-After': String(k.retryAfterSeconds) },
      body: { statusCode: k.status, error: k.error, message: k.message },
    };
  }
  return { status: 500, headers: {}, body: INTERNAL, log: safeErrorFields(exception) };
};
