import { callerOf } from '../oauth/auth-state';
import { sendError } from '../server/context';
import type { Middleware } from '../server/pipeline';
import { API_PREFIX, ErrorType } from '../wire';
import type { AccessRules } from './access-rules';

/** Clio's 403 body for a missing scope or role (Clio's OpenAPI, 2022 edition). */
export const FORBIDDEN_MESSAGE = 'User is forbidden from taking that action';

/** The resource of an API path: `/api/v4/contacts.json`, `/api/v4/contacts/7.json` → `contacts`. */
export const resourceOfPath = (path: string): string | undefined =>
  path.startsWith(`${API_PREFIX}/`) ? /^([a-z_]+)/.exec(path.slice(API_PREFIX.length + 1))?.[1] : undefined;

/**
 * Answers 403 ForbiddenError to a caller whose user may not read the resource (Clio fixes an app's scopes when the
 * user authorises it, and a user's role may deny a resource). Runs after auth, before the handler; wraps `inner`.
 */
export const accessMiddleware =
  (access: AccessRules, inner: Middleware): Middleware =>
  async (ctx, next) => {
    if (ctx.scope === 'api') {
      const resource = resourceOfPath(ctx.path);
      const caller = callerOf(ctx);
      if (resource !== undefined && access.isForbidden(caller?.userId, resource, caller?.clientId))
        return sendError(ctx, 403, ErrorType.Forbidden, FORBIDDEN_MESSAGE);
    }
    return inner(ctx, next);
  };
