import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { principalOf, type Principal as PrincipalValue } from './principal';

const requirePrincipal = (ctx: ExecutionContext): PrincipalValue => {
  const p = principalOf(ctx.switchToHttp().getRequest<object>());
  // Only reachable when a @Public() route asks for a principal: a programming error, hence a 500.
  if (!p) throw new Error('no authenticated principal on this request (is the route @Public()?)');
  return p;
};

/** Injects the verified {@link PrincipalValue} (firm id, user id, expiry) of the request. */
export const Principal = createParamDecorator((_data: unknown, ctx: ExecutionContext): PrincipalValue =>
  requirePrincipal(ctx),
);

/** Injects the verified firm id: pass it to every query (see scopedToFirm). */
export const FirmId = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): string => requirePrincipal(ctx).firmId,
);
