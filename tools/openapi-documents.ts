// Builds each HTTP service's OpenAPI document in memory from its own root module, without listening or connecting:
// the dependencies are never called while Nest only scans routes, so unconnected placeholders suffice.
import 'reflect-metadata';
import type { DynamicModule } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter } from '@nestjs/platform-express';
import type { OpenAPIObject } from '@nestjs/swagger';
import { DEFAULT_CLAIMS, type JwtAuthConfig } from '@sf/http-auth';
import { buildApiDocument, type ApiInfo, type Readiness } from '@sf/service-kit';
import { AUTH_API_INFO } from '../apps/auth-service/src/api-info';
import type { AuthDeps } from '../apps/auth-service/src/auth-deps';
import { AuthServiceModule } from '../apps/auth-service/src/auth-service.module';
import { FETCHER_API_INFO } from '../apps/clio-fetcher/src/api-info';
import { FetcherModule } from '../apps/clio-fetcher/src/health/fetcher.module';
import { PROCESSOR_API_INFO } from '../apps/document-processor/src/api-info';
import { ProcessorModule } from '../apps/document-processor/src/health/processor.module';
import type { ProcessorDb } from '../apps/document-processor/src/schema/processor-schema';
import { ORCHESTRATOR_API_INFO } from '../apps/sync-orchestrator/src/api-info';
import type { HttpDeps } from '../apps/sync-orchestrator/src/http/http-deps';
import { OrchestratorModule } from '../apps/sync-orchestrator/src/http/orchestrator.module';
import { WEBHOOKS_API_INFO } from '../apps/webhooks/src/api-info';
import type { IngressDeps } from '../apps/webhooks/src/ingress/receive-delivery';
import { WebhooksModule } from '../apps/webhooks/src/webhooks.module';

const jwt: JwtAuthConfig = { alg: 'HS256', secret: Buffer.alloc(32), leewaySeconds: 30, claims: { ...DEFAULT_CLAIMS } };
const neverReady = (): Promise<Readiness> => Promise.reject(new Error('document generation only'));

/** The services with an HTTP API, by the file name their document is checked in under (`docs/openapi/<name>.json`). */
export const OPENAPI_SERVICES: Record<string, { info: ApiInfo; module: () => DynamicModule }> = {
  'auth-service': { info: AUTH_API_INFO, module: () => AuthServiceModule.forRoot({} as AuthDeps, jwt) },
  'sync-orchestrator': { info: ORCHESTRATOR_API_INFO, module: () => OrchestratorModule.forRoot({} as HttpDeps, jwt) },
  'clio-fetcher': { info: FETCHER_API_INFO, module: () => FetcherModule.forRoot(neverReady, jwt) },
  'document-processor': {
    info: PROCESSOR_API_INFO,
    module: () => ProcessorModule.forRoot(neverReady, jwt, {} as Kysely<ProcessorDb>),
  },
  webhooks: { info: WEBHOOKS_API_INFO, module: () => WebhooksModule.forRoot(neverReady, jwt, {} as IngressDeps) },
};

/** One service's document as the checked-in file's text (sorted keys, 2-space indent, trailing newline). */
export const renderOpenApi = async (name: string): Promise<string> => {
  const svc = OPENAPI_SERVICES[name];
  if (!svc) throw new Error(`unknown service ${name}`);
  const app = await NestFactory.create(svc.module(), new ExpressAdapter(), { logger: false });
  try {
    const doc: OpenAPIObject = buildApiDocument(app, svc.info);
    return `${JSON.stringify(doc, null, 2)}\n`;
  } finally {
    await app.close();
  }
};
