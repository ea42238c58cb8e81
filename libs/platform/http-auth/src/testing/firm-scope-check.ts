import { isDeepStrictEqual } from 'node:util';
import { fillPath, pathParams, routeKey, type HttpRoute } from './http-routes';
import { probeRoute, type ProbeAnswer } from './probe-request';
import { entryMatches } from './public-routes';

/** Path parameter values for one route: a resource of another firm, and ids that exist for no firm. */
export interface FirmScopeCase {
  foreign: Readonly<Record<string, string>>;
  missing: Readonly<Record<string, string>>;
  /**
   * A valid JSON body for routes that validate one before they look the id up (a create under a parent), so the probe
   * reaches the firm check; absent: no body.
   */
  body?: unknown;
}

export interface FirmScopeCheck {
  baseUrl: string;
  /** Every route of the app (`listHttpRoutes`). */
  routes: readonly HttpRoute[];
  /** A valid `Bearer …` header of the calling firm. */
  authorization: string;
  /** The case of each route with path parameters; undefined = the test does not know the route (a finding). */
  casesFor: (route: HttpRoute) => FirmScopeCase | undefined;
  /** Routes with parameters that are not firm-owned resources (allow-list syntax, e.g. public docs). */
  exempt?: readonly string[];
}

export interface FirmScopeReport {
  /** Routes with path parameters that were checked, as `METHOD /path`. */
  checked: string[];
  problems: string[];
}

const show = (a: ProbeAnswer): string => `${a.status} ${JSON.stringify(a.body).slice(0, 160)}`;

/**
 * For every route that takes an id, asks with another firm's id and with an id that exists nowhere: both must
 * answer 404 with the same body, so a caller cannot tell another firm's resource from a missing one. A route
 * with parameters that has no case fails the check, so a new route is covered as soon as it exists.
 */
export const checkFirmScoping = async (o: FirmScopeCheck): Promise<FirmScopeReport> => {
  const checked: string[] = [];
  const problems: string[] = [];
  for (const route of o.routes) {
    const params = pathParams(route.path);
    if (params.length === 0 || (o.exempt ?? []).some((e) => entryMatches(e, route))) continue;
    const key = routeKey(route);
    checked.push(key);
    const c = o.casesFor(route);
    if (c === undefined) {
      problems.push(`${key} takes ${params.join(', ')} but the test names no firm-scope case for it`);
      continue;
    }
    const foreign = await probeRoute(o.baseUrl, route, fillPath(route.path, c.foreign), o.authorization, c.body);
    const missing = await probeRoute(o.baseUrl, route, fillPath(route.path, c.missing), o.authorization, c.body);
    if (foreign.status !== 404) problems.push(`${key} answered another firm's id with ${show(foreign)}; expected 404`);
    if (missing.status !== 404) problems.push(`${key} answered a missing id with ${show(missing)}; expected 404`);
    else if (foreign.status === 404 && !isDeepStrictEqual(foreign.body, missing.body))
      problems.push(
        `${key}: another firm's id (${show(foreign)}) is distinguishable from a missing one (${show(missing)})`,
      );
  }
  return { checked, problems };
};
