import { SetMetadata } from '@nestjs/common';

/** Metadata key the guard reads; set only through {@link Public}. */
export const IS_PUBLIC_KEY = 'sf:http-auth:public';

/**
 * Opts a route (or a whole controller) out of the bearer-JWT requirement. Reserved for the OAuth callback, health
 * and metrics: every other route is authenticated by default, so forgetting a decorator fails closed.
 */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_KEY, true);
