import type { HttpException, ValidationError } from '@nestjs/common';
import { httpFailure } from './fail';

const messagesOf = (e: ValidationError): string[] => [
  ...Object.values(e.constraints ?? {}),
  ...(e.children ?? []).flatMap(messagesOf),
];

/**
 * The ValidationPipe's `exceptionFactory`: the service's usual `{statusCode, error, message}` body with one string
 * message (each failed rule names its field), like every other 400 the service gives, instead of Nest's array.
 */
export const validationFailure = (errors: ValidationError[]): HttpException =>
  httpFailure(400, errors.flatMap(messagesOf).join('; '));
