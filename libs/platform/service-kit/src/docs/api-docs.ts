import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';

/** Where every service serves Swagger UI (`/docs`) and the raw document (`/docs-json`); public, outside the JWT guard. */
export const API_DOCS_PATH = 'docs';

export interface ApiInfo {
  title: string;
  description: string;
  version: string;
}

const sortKeys = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(
    Object.keys(v)
      .sort()
      .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
  );
};

/**
 * The OpenAPI document of a created (not necessarily listening) app. Keys are sorted so the checked-in
 * `docs/openapi/*.json` files are byte-stable across runs.
 */
export const buildApiDocument = (app: INestApplication, info: ApiInfo): OpenAPIObject => {
  const config = new DocumentBuilder()
    .setTitle(info.title)
    .setDescription(info.description)
    .setVersion(info.version)
    .addBearerAuth()
    .build();
  return sortKeys(SwaggerModule.createDocument(app, config)) as OpenAPIObject;
};

/** Mounts Swagger UI at `/docs` and the JSON at `/docs-json` (no YAML, so the public surface stays small). */
export const mountApiDocs = (app: INestApplication, info: ApiInfo): void => {
  SwaggerModule.setup(API_DOCS_PATH, app, buildApiDocument(app, info), { raw: ['json'] });
};
