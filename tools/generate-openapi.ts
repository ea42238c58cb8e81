// `npm run openapi`: writes docs/openapi/<service>.json for every HTTP service (checked by openapi.spec.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { OPENAPI_SERVICES, renderOpenApi } from './openapi-documents';

const main = async (): Promise<void> => {
  const dir = join(__dirname, '..', 'docs', 'openapi');
  mkdirSync(dir, { recursive: true });
  for (const name of Object.keys(OPENAPI_SERVICES)) {
    const target = join(dir, `${name}.json`);
    writeFileSync(target, await renderOpenApi(name));
    console.log(`wrote ${target}`);
  }
};

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
