import { send } from '../server/context';
import { bearerToken, INVALID_TOKEN_BODY } from '../server/default-middleware';
import type { Middleware } from '../server/pipeline';
import { Header } from '../wire';
import { setCaller } from './auth-state';
import type { OAuthService } from './oauth-service';

/**
 * Bearer-token check for `/api/v4`: the token must have been issued by this region's instance, be unrevoked and
 * unexpired. Otherwise 401 with Clio's `invalid_token` body (S-360004657734).
 */
export const oauthAuth =
  (oauth: OAuthService): Middleware =>
  async (ctx, next) => {
    if (ctx.scope !== 'api') return next();
    const token = bearerToken(ctx.headers[Header.Authorization]);
    const result = token ? oauth.region(ctx.region).tokens.authenticate(token, oauth.clockNow()) : undefined;
    if (!token || !result?.ok) return send(ctx, 401, INVALID_TOKEN_BODY);
    ctx.token = token;
    setCaller(ctx, { userId: result.grant.userId, clientId: result.grant.clientId });
    return next();
  };
