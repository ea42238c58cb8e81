import { SetMetadata } from '@nestjs/common';

/** Metadata key the guard reads; set only through {@link QueryTokenAllowed}. */
export const QUERY_TOKEN_KEY = 'sf:http-auth:query-token';

/** Query parameter that carries the token on routes that allow it (RFC 6750 §2.3). */
export const QUERY_TOKEN_PARAM = 'access_token';

/**
 * Longest remaining life, in seconds, of a token sent in the query: a URL is copied into browser history and proxy
 * logs, so only a short-lived token may travel in one (our own logs and spans blank `access_token`).
 */
export const QUERY_TOKEN_MAX_SECONDS = 300;

/**
 * Lets a GET route take the gateway JWT as `?access_token=` when no Authorization header is sent: for what a browser
 * opens without a header (an `EventSource`, a page load). The token must expire within {@link QUERY_TOKEN_MAX_SECONDS}.
 * A cookie was the alternative; it was not chosen because every POST of the page would then need CSRF protection.
 */
export const QueryTokenAllowed = (): MethodDecorator & ClassDecorator => SetMetadata(QUERY_TOKEN_KEY, true);
