// Test-only entry of @sf/http-auth (`@sf/http-auth/testing`): checks that every route of a running NestJS app
// needs the gateway JWT unless allow-listed, and that ids of another firm's resources answer like missing ones.
// Uses Jest (captureNestApps); import it from *.spec / *.int-spec / *.e2e-spec files only.
export { listHttpRoutes, routeKey, pathParams, fillPath } from './http-routes';
export type { HttpRoute, RouteMethod } from './http-routes';
export { SANCTIONED_PUBLIC_PATHS, entryMatches, allowListProblems } from './public-routes';
export { checkRouteAuth } from './route-auth-check';
export type { RouteAuthCheck, RouteAuthReport, SigningKey } from './route-auth-check';
export { checkFirmScoping } from './firm-scope-check';
export type { FirmScopeCase, FirmScopeCheck, FirmScopeReport } from './firm-scope-check';
export { probeRoute } from './probe-request';
export type { ProbeAnswer } from './probe-request';
export { captureNestApps, startCapturingRoutes } from './capture-nest-apps';
export type { NestAppCapture } from './capture-nest-apps';
export { DOCS_ROUTES, expectHealthOnlyEdge, HEALTH_ROUTES } from './health-only-edge';
