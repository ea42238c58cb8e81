import { routeKey, type HttpRoute } from './http-routes';

/**
 * The only kinds of route any service may leave public (no gateway JWT): health probes, metrics, API docs, and the
 * OAuth callbacks a browser or Clio calls, and Clio's signed webhook deliveries. A service's allow-list naming anything else is itself a finding.
 */
export const SANCTIONED_PUBLIC_PATHS: readonly RegExp[] = [
  /^\/health\/(live|ready)$/,
  /^\/metrics$/,
  /^\/docs([-/].*)?$/,
  /\/callback$/,
  /\/deauthorize-callback$/,
  // Clio's webhook deliveries (apps/webhooks): Clio cannot send our JWT; each is verified by its HMAC signature.
  /^\/webhooks\/clio\/(:subscriptionId|[^/]+)$/,
];

/**
 * Whether an allow-list entry names the route. Entries are `METHOD /path` exactly as registered
 * (`GET /health/live`, `POST /connections/clio/deauthorize-callback`); a trailing `*` matches a path prefix
 * (`GET /docs*`).
 */
export const entryMatches = (entry: string, route: HttpRoute): boolean => {
  const key = routeKey(route);
  return entry.endsWith('*') ? key.startsWith(entry.slice(0, -1)) : key === entry;
};

/** Problems of the allow-list itself: malformed entries and entries outside {@link SANCTIONED_PUBLIC_PATHS}. */
export const allowListProblems = (entries: readonly string[]): string[] =>
  entries.flatMap((entry) => {
    const m = /^(GET|POST|PUT|PATCH|DELETE|USE) (\/\S*)$/.exec(entry);
    if (!m) return [`allow-list entry "${entry}" is not "METHOD /path"`];
    const path = m[2]!.replace(/\*$/, '');
    return SANCTIONED_PUBLIC_PATHS.some((p) => p.test(path))
      ? []
      : [
          `allow-list entry "${entry}" is not a kind of route that may be public (health, metrics, docs, OAuth callbacks)`,
        ];
  });
