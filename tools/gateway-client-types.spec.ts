import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// Not imported from gateway-client-types.ts: loading it would load openapi-typescript into Jest.
const CLIENT_TYPES_FILE = join(__dirname, '..', 'libs', 'gateway-client', 'src', 'generated', 'sync-orchestrator.ts');

describe('@sf/gateway-client generated types', () => {
  it('are up to date with docs/openapi/sync-orchestrator.json (run `npm run openapi` after changing routes)', () => {
    // A child Node process: openapi-typescript needs Node's own require of ESM, which Jest's module system lacks.
    const run = spawnSync(process.execPath, ['-r', '@swc-node/register', join(__dirname, 'gateway-client-types.ts')], {
      cwd: join(__dirname, '..'),
      encoding: 'utf8',
      maxBuffer: 32 * 1024 * 1024,
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(readFileSync(CLIENT_TYPES_FILE, 'utf8')).toBe(run.stdout);
  });
});
