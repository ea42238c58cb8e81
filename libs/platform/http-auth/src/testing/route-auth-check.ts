import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { DEFAULT_CLAIMS, type ClaimNames } from '../auth-config';
import { AUTH_FAILURE_MESSAGE } from '../auth-failure';
import { signJwt } from '../sign-jwt';
import { fillPath, pathParams, routeKey, type HttpRoute } from './http-routes';
import { probeRoute, type ProbeAnswer } from './probe-request';
import { allowListProblems, entryMatches } from './public-routes';

/** How the service under test verifies tokens: the probes sign with it, so each fails for exactly one reason. */
export type SigningKey = Parameters<typeof signJwt>[1];

export interface RouteAuthCheck {
  /** e.g. `http://127.0.0.1:3002`. */
  baseUrl: string;
  /** Every route of the app (`listHttpRoutes`). */
  routes: readonly HttpRoute[];
  /** Allow-list: `METHOD /path` of every route meant to be public (see `entryMatches`). Everything else needs the JWT. */
  publicRoutes: readonly string[];
  key: SigningKey;
  /** Claim names the service reads. Default `DEFAULT_CLAIMS`. */
  claims?: ClaimNames;
}

export interface RouteAuthReport {
  /** Every route checked, as `METHOD /path`. */
  routes: string[];
  /** Routes that answered a request without a token with anything but 401. */
  open: string[];
  /** Each finding as one sentence naming the route; empty when every route behaves. */
  problems: string[];
}

interface Probe {
  name: string;
  authorization: string | undefined;
  message: string;
}

const foreignKey = (key: SigningKey): SigningKey =>
  key.alg === 'HS256'
    ? { alg: 'HS256', secret: randomBytes(32) }
    : {
        alg: 'RS256',
        privateKey: generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey,
        ...(key.kid ? { kid: key.kid } : {}),
      };

/** Requests every protected route must refuse with 401 and the guard's message for exactly that failure. */
const probes = (key: SigningKey, claims: ClaimNames): Probe[] => {
  const now = Math.floor(Date.now() / 1000);
  const payload = (exp: number) => ({
    [claims.userId]: 'probe-user',
    [claims.firmId]: 'probe-firm',
    iat: exp - 600,
    exp,
  });
  return [
    { name: 'no token', authorization: undefined, message: AUTH_FAILURE_MESSAGE.missing_token },
    // An hour past expiry: far beyond any leeway, and otherwise valid, so expiry is the only reason to refuse it.
    {
      name: 'an expired token',
      authorization: `Bearer ${signJwt(payload(now - 3600), key)}`,
      message: AUTH_FAILURE_MESSAGE.expired,
    },
    { name: 'a malformed token', authorization: 'Bearer not-a-jwt', message: AUTH_FAILURE_MESSAGE.malformed },
    {
      name: 'a token signed with another key',
      authorization: `Bearer ${signJwt(payload(now + 600), foreignKey(key))}`,
      message: AUTH_FAILURE_MESSAGE.invalid_signature,
    },
  ];
};

const describeAnswer = (a: ProbeAnswer): string => `${a.status} ${JSON.stringify(a.body).slice(0, 160)}`;

const refusalProblem = (key: string, p: Probe, a: ProbeAnswer): string | null => {
  const message = (a.body as { message?: unknown } | null)?.message;
  if (a.status === 401 && message === p.message && a.challenge?.startsWith('Bearer')) return null;
  return `${key} answered ${p.name} with ${describeAnswer(a)}, challenge ${JSON.stringify(a.challenge)}; expected 401 "${p.message}" with a Bearer challenge`;
};

/** A concrete path: every parameter gets a harmless placeholder (the guard answers before any lookup). */
const probePath = (r: HttpRoute): string =>
  fillPath(r.path, Object.fromEntries(pathParams(r.path).map((n) => [n, 'probe-id'])));

const checkRoute = async (
  o: RouteAuthCheck,
  route: HttpRoute,
  all: readonly Probe[],
): Promise<{ open: boolean; problems: string[] }> => {
  const key = routeKey(route);
  const [anonymous, ...others] = all;
  const first = await probeRoute(o.baseUrl, route, probePath(route), anonymous!.authorization);
  const open = first.status !== 401;
  if (o.publicRoutes.some((e) => entryMatches(e, route))) {
    return {
      open,
      problems: open ? [] : [`${key} is on the allow-list but requires a token (${describeAnswer(first)})`],
    };
  }
  if (open)
    return {
      open,
      problems: [
        `${key} answers without a token (${describeAnswer(first)}) but is not on the allow-list of public routes`,
      ],
    };
  const problems = [refusalProblem(key, anonymous!, first)];
  for (const p of others)
    problems.push(refusalProblem(key, p, await probeRoute(o.baseUrl, route, probePath(route), p.authorization)));
  return { open, problems: problems.filter((p): p is string => p !== null) };
};

/**
 * Asks every route of a running app whether it needs the gateway JWT. A route on the allow-list must answer a
 * request without a token (anything but 401); every other route must refuse no token, an expired token, a
 * malformed token and a token signed with another key, each with 401, the guard's message for that failure and a
 * Bearer challenge. The allow-list may name only sanctioned kinds of public route, and each entry must match a
 * route that really is public: so it stays exactly what is public.
 */
export const checkRouteAuth = async (o: RouteAuthCheck): Promise<RouteAuthReport> => {
  const problems = allowListProblems(o.publicRoutes);
  if (o.routes.length === 0) problems.push('the app serves no routes: nothing was checked');
  const all = probes(o.key, o.claims ?? DEFAULT_CLAIMS);
  const open: string[] = [];
  for (const route of o.routes) {
    const r = await checkRoute(o, route, all);
    if (r.open) open.push(routeKey(route));
    problems.push(...r.problems);
  }
  for (const entry of o.publicRoutes) {
    if (!o.routes.some((r) => entryMatches(entry, r)))
      problems.push(`allow-list entry "${entry}" matches no route of the app`);
  }
  return { routes: o.routes.map(routeKey), open: open.sort(), problems };
};
