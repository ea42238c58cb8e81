export { checkNats, checkPostgres, checkReadiness } from './health/readiness';
export { startHealthServer } from './health/health-server';
export { consumersNotStuck, lagWithin, STUCK_AFTER_MS } from './health/loop-checks';
export type { LoopCheck } from './health/loop-checks';
export type { DependencyProbe, HealthServer } from './health/health-server';
export type { CheckState, Readiness, ReadinessProbe } from './health/readiness';
export { HealthController, READINESS_PROBE } from './health/health.http-controller';
export { HealthModule } from './health/health.module';
export { HttpErrorFilter } from './http/http-error.filter';
export type { HttpErrorFilterOptions } from './http/http-error.filter';
export { errorAnswer } from './http/error-answer';
export { BODY_LIMIT_KEY, BodyLimit, BodyLimits } from './http/body-limit';
export { createHttpApp } from './http/create-http-app';
export { HardenedBodyInterceptor } from './http/hardened-body.interceptor';
export { readJsonBody } from './http/read-json-body';
export type { BodyOutcome } from './http/read-json-body';
export { hasUnsafeText, unsafeJsonProblem } from './http/unsafe-json';
export type { ErrorAnswer, KnownFailure } from './http/error-answer';
export type { HttpErrorResponse } from './http/http-response';
export {
  decodeCursor,
  encodeCursor,
  pageLimit,
  pageOf,
  PageQuery,
  PAGE_LIMIT_DEFAULT,
  PAGE_LIMIT_MAX,
  WIDE_PAGE_LIMIT_MAX,
  WidePageQuery,
} from './http/page';
export type { Page } from './http/page';
export { HealthRoutes, ReadinessChecks } from './wire-names';
export type { ReadinessCheck } from './wire-names';
export { mountMetrics } from './metrics/mount-metrics';
export { ApiAnswers, ErrorBody } from './docs/api-responses';
export { API_DOCS_PATH, buildApiDocument, mountApiDocs } from './docs/api-docs';
export type { ApiInfo } from './docs/api-docs';
export { envNumber, definedFields } from './config/env';
export { DEFAULT_NATS_URL, SERVICE_DEFAULTS, serviceConfigFromEnv } from './config/service-config';
export type { ServiceConfig } from './config/service-config';
export { bootService } from './boot/boot-service';
export { createBudgetedDb } from './boot/budgeted-db';
export type { BudgetedDbOptions } from './boot/budgeted-db';
export type { BootedService, BootServiceOptions, ServiceParts } from './boot/boot-service';
export { runMain } from './boot/run-main';
export { parseFlags } from './cli/flags';
export type { FlagSpec, Flags } from './cli/flags';
export type { MainOptions } from './boot/run-main';
export { connectServiceNats, exitOnFatal } from './boot/service-nats';
export type { ServiceNatsConfig } from './boot/service-nats';
