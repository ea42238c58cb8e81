import type { RequestContext } from '../server/context';

/**
 * Keys under which the auth middleware records who is calling, in `ctx.state`. Handlers that depend on the caller
 * (`users/who_am_i`, webhooks) read them through {@link callerOf}.
 */
export const AuthStateKey = { UserId: 'auth.userId', ClientId: 'auth.clientId' } as const;

export interface Caller {
  /** The simulated Clio user who authorized the token. */
  userId: number;
  /** The app (OAuth client id) the token was issued to. */
  clientId: string;
}

export const setCaller = (ctx: RequestContext, caller: Caller): void => {
  ctx.state.set(AuthStateKey.UserId, caller.userId);
  ctx.state.set(AuthStateKey.ClientId, caller.clientId);
};

/** The authenticated caller, or undefined when the request was not authenticated by the OAuth middleware. */
export const callerOf = (ctx: RequestContext): Caller | undefined => {
  const userId = ctx.state.get(AuthStateKey.UserId);
  const clientId = ctx.state.get(AuthStateKey.ClientId);
  return typeof userId === 'number' && typeof clientId === 'string' ? { userId, clientId } : undefined;
};
