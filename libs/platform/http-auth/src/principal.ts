/** Who is calling: taken from a verified gateway JWT, never from the request body or query. */
export interface Principal {
  /** Firm (tenant) every query of the request is scoped to; claim `firm_id` by default. */
  firmId: string;
  /** Smarter Firms user id; claim `sub` by default. */
  userId: string;
  /** When the token expires (claim `exp`). */
  expiresAt: Date;
}

const principals = new WeakMap<object, Principal>();

/** Attaches the verified principal to a request object (kept beside it, not written onto it). */
export const setPrincipal = (request: object, p: Principal): void => {
  principals.set(request, p);
};

/** The principal the guard attached, or undefined on a @Public() route. */
export const principalOf = (request: object): Principal | undefined => principals.get(request);
