import type { ClioResource } from './types';

/** Clio wire names the client uses, verbatim and in one place. */
export const ClioHeader = {
  ApiVersion: 'x-api-version',
  Authorization: 'authorization',
  Accept: 'accept',
  Location: 'location',
  ContentType: 'content-type',
  ContentLength: 'content-length',
  Date: 'date',
  RetryAfter: 'retry-after',
  RateLimitLimit: 'x-ratelimit-limit',
  RateLimitRemaining: 'x-ratelimit-remaining',
  RateLimitReset: 'x-ratelimit-reset',
} as const;

export const ClioParam = {
  Fields: 'fields',
  Order: 'order',
  Limit: 'limit',
  /** Clio's opaque cursor, carried by `meta.paging.next`. */
  PageToken: 'page_token',
  Offset: 'offset',
} as const;

/** `X-API-VERSION` pinned by default (the version the sync's field lists were written against). */
export const DEFAULT_CLIO_API_VERSION = '4.0.9';
/** Largest and default `limit` of an index request (Clio's paging documentation). */
export const MAX_PAGE_LIMIT = 200;
/** Cursor pagination: ascending id order and no `offset` (Clio's paging documentation). */
export const CURSOR_ORDER = 'id(asc)';
/** Index endpoints that take no `order` parameter (Clio's OpenAPI); their default order is already id(asc). */
export const RESOURCES_WITHOUT_ORDER: ReadonlySet<ClioResource> = new Set<ClioResource>([
  'calendar_entries',
  'relationships',
]);

export const CLIO_RESOURCES: readonly ClioResource[] = [
  'matters',
  'contacts',
  'calendar_entries',
  'tasks',
  'documents',
  'folders',
  'activities',
  'users',
  'custom_fields',
  'notes',
  'relationships',
];
