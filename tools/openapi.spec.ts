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
});
