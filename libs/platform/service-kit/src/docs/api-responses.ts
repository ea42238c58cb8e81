import { applyDecorators, type Type } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

/** The body of every error answer (`HttpErrorFilter`): status, reason phrase, and what went wrong. */
export class ErrorBody {
  @ApiProperty({ example: 400 })
  statusCode!: number;

  @ApiPropertyOptional({ example: 'Bad Request' })
  error?: string;

  @ApiProperty({
    description: 'What went wrong, naming the field or parameter; a list when several fields are wrong',
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
  })
  message!: string | string[];

  @ApiPropertyOptional({ description: 'Machine-readable reason, where the route has several (e.g. a refused control)' })
  reason?: string;
}

const WHY: Record<number, string> = {
  304: 'Not modified: the `If-None-Match` ETag is still current (no body)',
  400: 'A parameter, path segment or body field is malformed or unknown; the message names it',
  401: 'No, an expired, a malformed or a foreign-signed gateway JWT',
  403: 'Refused: the proof (signature, token check) does not hold',
  404: "Not found for the caller's firm (another firm's id answers exactly the same)",
  409: 'Refused in the current state; the message (and `reason`) says why',
  410: 'Gone: the resource was removed and will not come back',
  413: 'Body larger than the route allows',
  415: 'Body is not `application/json`, or is encoded',
  429: 'Too soon (cooldown or Clio rate budget): retry after `Retry-After` seconds',
  502: 'Clio answered with an error or not at all',
  503: 'A dependency is unavailable or contention is too high: retry after `Retry-After` seconds',
};

const RETRY_AFTER = {
  'Retry-After': { description: 'Seconds to wait before retrying', schema: { type: 'integer', minimum: 0 } },
};
const ETAG = {
  ETag: { description: 'Validator of this answer; send it back as `If-None-Match`', schema: { type: 'string' } },
};

/**
 * Documents a route's success answer (the type, or an array of it) and its error answers, each with the
 * {@link ErrorBody} schema and `Retry-After` on 429/503. 400 applies to every route, 401 to every non-public one.
 */
export const ApiAnswers = (
  success: { status?: number; type?: Type<unknown> | [Type<unknown>]; description: string; conditional?: boolean },
  errors: readonly number[],
  opts: { publicRoute?: boolean } = {},
): MethodDecorator & ClassDecorator => {
  const status = success.status ?? 200;
  const decorators = [
    ApiResponse({
      status,
      description: success.description,
      ...(success.type ? { type: success.type } : {}),
      ...(success.conditional ? { headers: ETAG } : {}),
    }),
    ...(success.conditional ? [ApiResponse({ status: 304, description: WHY[304] })] : []),
    ...[...new Set([400, ...(opts.publicRoute ? [] : [401]), ...errors])].map((code) =>
      ApiResponse({
        status: code,
        description: WHY[code] ?? 'Error',
        type: ErrorBody,
        ...(code === 429 || code === 503 ? { headers: RETRY_AFTER } : {}),
      }),
    ),
  ];
  return applyDecorators(...decorators);
};
