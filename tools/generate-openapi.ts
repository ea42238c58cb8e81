// `npm run openapi`: writes docs/openapi/<service>.json for every HTTP service (checked by openapi.spec.ts).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLIENT_TYPES_FILE, renderClientTypes } from './gateway-client-types';
import { OPENAPI_SERVICES, renderOpenApi } from './openapi-documents';

const main = async (): Promise<void> => {
  const dir = join(__dirname, '..', 'docs', 'openapi');
  mkdirSync(dir, { recursive: true });
  for (const name of Object.keys(OPENAPI_SERVICES)) {
    const target = join(dir, `${name}.json`);
    const text = await renderOpenApi(name);
    writeFileSync(target, text);
    console.log(`wrote ${target}`);
    if (name !== 'sync-orchestrator') continue;
    // The gateway client's types follow the orchestrator's document (libs/gateway-client).
    writeFileSync(CLIENT_TYPES_FILE, await renderClientTypes(JSON.parse(text) as object));
    console.log(`wrote ${CLIENT_TYPES_FILE}`);
  }
};

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
