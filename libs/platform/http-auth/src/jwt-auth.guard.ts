import {
  Inject,
  Injectable,
  ServiceUnavailableException,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AUTH_FAILURE_MESSAGE, AuthFailure } from './auth-failure';
import type { JwtVerifier } from './jwt-verifier';
import { setPrincipal } from './principal';
import { IS_PUBLIC_KEY } from './public.decorator';
import { QUERY_TOKEN_KEY, QUERY_TOKEN_MAX_SECONDS, QUERY_TOKEN_PARAM } from './query-token.decorator';

/** Injection token of the {@link JwtVerifier} the guard uses. */
export const JWT_VERIFIER = Symbol('sf:http-auth:jwt-verifier');

interface HttpRequestLike {
  headers: Record<string, string | string[] | undefined>;
  query?: Record<string, unknown>;
}

/** Message of a 401 for a query token that lives too long. */
export const QUERY_TOKEN_TOO_LONG = `a token in the query must expire within ${QUERY_TOKEN_MAX_SECONDS} s`;
interface HttpResponseLike {
  setHeader?: (name: string, value: string) => unknown;
}

/** The token of an `Authorization: Bearer <token>` header (scheme case-insensitive), or null. */
export const bearerToken = (header: string | string[] | undefined): string | null => {
  if (typeof header !== 'string') return null;
  const m = /^Bearer +(\S+) *$/i.exec(header);
  return m ? m[1]! : null;
};

/**
 * Global guard (registered as APP_GUARD by HttpAuthModule): every HTTP route needs a valid gateway JWT unless it is
 * marked @Public(). On success the principal is attached to the request for @Principal()/@FirmId(). Non-HTTP
 * contexts (NATS handlers in a hybrid app) pass through: the broker authenticates those connections.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    @Inject(JWT_VERIFIER) private readonly verifier: JwtVerifier,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    if (ctx.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean | undefined>(IS_PUBLIC_KEY, [ctx.getHandler(), ctx.getClass()]))
      return true;
    const http = ctx.switchToHttp();
    const request = http.getRequest<HttpRequestLike>();
    const header = bearerToken(request.headers['authorization']);
    const fromQuery =
      header === null &&
      this.reflector.getAllAndOverride<boolean | undefined>(QUERY_TOKEN_KEY, [ctx.getHandler(), ctx.getClass()]) ===
        true
        ? request.query?.[QUERY_TOKEN_PARAM]
        : undefined;
    const token = header ?? (typeof fromQuery === 'string' && fromQuery !== '' ? fromQuery : null);
    const result = token ? await this.verifier.verify(token) : { ok: false as const, reason: AuthFailure.MissingToken };
    if (
      result.ok &&
      header === null &&
      result.principal.expiresAt.getTime() - Date.now() > QUERY_TOKEN_MAX_SECONDS * 1000
    ) {
      http.getResponse<HttpResponseLike>().setHeader?.('WWW-Authenticate', 'Bearer error="invalid_token"');
      throw new UnauthorizedException(QUERY_TOKEN_TOO_LONG);
    }
    if (result.ok) {
      setPrincipal(request, result.principal);
      return true;
    }
    const message = AUTH_FAILURE_MESSAGE[result.reason];
    if (result.reason === AuthFailure.KeysUnavailable) throw new ServiceUnavailableException(message);
    // RFC 6750 §3: tell the client which scheme to use, and whether the token it sent was the problem.
    const challenge = token ? 'Bearer error="invalid_token"' : 'Bearer';
    http.getResponse<HttpResponseLike>().setHeader?.('WWW-Authenticate', challenge);
    throw new UnauthorizedException(message);
  }
}
