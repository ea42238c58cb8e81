import { SetMetadata } from '@nestjs/common';

export const BODY_LIMIT_KEY = 'sf:service-kit:body-limit';

/** Body limits of the platform's routes, in bytes. */
export const BodyLimits = {
  /** The default of every route that does not declare one: any body is refused (400). */
  none: 0,
  /** A small JSON command (`{reason}`, a scope, a folder choice). */
  command: 4 * 1024,
  /** A JSON notice from outside (Clio's deauthorization callback: three short fields). */
  notice: 16 * 1024,
} as const;

/**
 * The largest JSON body this route accepts, in bytes. Every route that reads `@Body()` declares one (a test checks);
 * a route without it takes no body at all.
 */
export const BodyLimit = (bytes: number): MethodDecorator => SetMetadata(BODY_LIMIT_KEY, bytes);
