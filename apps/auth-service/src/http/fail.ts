import { HttpException } from '@nestjs/common';

const ERROR_NAMES: Record<number, string> = {
  400: 'Bad Request',
  403: 'Forbidden',
  404: 'Not Found',
  429: 'Too Many Requests',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
};

/** An expected failure as an HTTP error with the usual `{statusCode, error, message}` body (plus `reason` if given). */
export const httpFailure = (status: number, message: string, reason?: string): HttpException =>
  new HttpException(
    { statusCode: status, error: ERROR_NAMES[status] ?? 'Error', message, ...(reason ? { reason } : {}) },
    status,
  );
