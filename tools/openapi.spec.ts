import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPENAPI_SERVICES, renderOpenApi } from './openapi-documents';

describe('docs/openapi/*.json', () => {
  it.each(Object.keys(OPENAPI_SERVICES))(
    '%s matches the document its app builds now (run `npm run openapi` after changing routes or DTOs)',
    async (name) => {
      const checkedIn = readFileSync(join(__dirname, '..', 'docs', 'openapi', `${name}.json`), 'utf8');
      expect(await renderOpenApi(name)).toBe(checkedIn);
    },
  );

  it('the orchestrator document names its secured routes and the bearer scheme', async () => {
    const doc = JSON.parse(await renderOpenApi('sync-orchestrator')) as {
      paths: Record<string, unknown>;
      components: { securitySchemes?: Record<string, unknown> };
    };
    expect(Object.keys(doc.paths).length).toBeGreaterThan(3);
    expect(doc.components.securitySchemes).toHaveProperty('bearer');
  });

  // What the gateway client and every caller rely on: a body schema for each success that has a body, and the
  // error answers with the error body (400 for every route; 401 for every route that needs the JWT).
  it.each(Object.keys(OPENAPI_SERVICES))('%s documents a schema for every answer with a body', async (name) => {
    const doc = JSON.parse(await renderOpenApi(name)) as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: unknown }>; security?: unknown }>>;
    };
    const gaps: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(ops)) {
        const codes = Object.keys(op.responses);
        const bodiless = new Set(['204', '302', '304']);
        for (const code of codes)
          if (!bodiless.has(code) && op.responses[code]?.content === undefined) gaps.push(`${method} ${path} ${code}`);
        if (!codes.includes('400')) gaps.push(`${method} ${path}: no 400`);
        if (op.security !== undefined && !codes.includes('401')) gaps.push(`${method} ${path}: no 401`);
      }
    expect(gaps).toEqual([]);
  });
});
