// `npm run asyncapi`: writes docs/asyncapi.yaml from the @sf/contracts catalogue (checked by asyncapi.spec.ts).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderAsyncApiYaml } from '@sf/contracts';

const target = join(__dirname, '..', 'docs', 'asyncapi.yaml');
writeFileSync(target, renderAsyncApiYaml());
console.log(`wrote ${target}`);
