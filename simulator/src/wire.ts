/** Clio wire names used by the simulator, verbatim and in one place (H8). */
export const Header = {
  ApiVersion: 'x-api-version',
  Authorization: 'authorization',
  Date: 'date',
  ETag: 'etag',
  LastModified: 'last-modified',
  IfNoneMatch: 'if-none-match',
  IfModifiedSince: 'if-modified-since',
  IfMatch: 'if-match',
  Location: 'location',
  ContentType: 'content-type',
  ContentLength: 'content-length',
  RetryAfter: 'retry-after',
  RateLimitLimit: 'x-ratelimit-limit',
  RateLimitRemaining: 'x-ratelimit-remaining',
  RateLimitReset: 'x-ratelimit-reset',
} as const;

/** `error.type` values of Clio's `{"error":{"type","message"}}` body. Where Clio's string is undocumented we chose one. */
export const ErrorType = {
  BadRequest: 'BadRequestError',
  InvalidFields: 'InvalidFieldsError',
  Unauthorized: 'UnauthorizedError',
  Forbidden: 'ForbiddenError',
  NotFound: 'RecordNotFound',
  Conflict: 'ConflictError',
  Gone: 'UnsupportedApiVersion',
  PreconditionFailed: 'PreconditionFailed',
  Argument: 'ArgumentError',
  Validation: 'ValidationError',
  RateLimited: 'RateLimited',
  Internal: 'InternalServerError',
} as const;
export type ErrorType = (typeof ErrorType)[keyof typeof ErrorType];

/** Regions of Clio Manage; each is a separate instance (own host, own OAuth apps and tokens). */
export const Region = { US: 'us', EU: 'eu', CA: 'ca', AU: 'au' } as const;
export type Region = (typeof Region)[keyof typeof Region];
export const ALL_REGIONS: readonly Region[] = [Region.US, Region.EU, Region.CA, Region.AU];

/** API path prefix on every regional host. */
export const API_PREFIX = '/api/v4';

/** Minor versions this simulator serves. `X-API-VERSION` outside this list gets 410 Gone. */
export const SUPPORTED_API_VERSIONS: readonly string[] = ['4.0.5', '4.0.6', '4.0.7', '4.0.8', '4.0.9', '4.0.10'];
/** Version used when the request carries no `X-API-VERSION` (Clio's OpenAPI default). */
export const DEFAULT_API_VERSION = '4.0.9';

export const JSON_CONTENT_TYPE = 'application/json; charset=utf-8';
