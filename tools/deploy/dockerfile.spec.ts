import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROCESSES } from '../serve/processes';

// No Docker engine runs here: the Dockerfile is checked for the properties deploy/ promises, and the tree it
// compiles is started by tools/serve/serve.e2e-spec.ts.
const ROOT = path.resolve(__dirname, '..', '..');
const dockerfile = readFileSync(path.join(ROOT, 'deploy/Dockerfile'), 'utf8');
const lines = dockerfile
  .replace(/\\\n\s*/g, ' ')
  .split('\n')
  .filter((l) => l.trim() !== '' && !l.trimStart().startsWith('#'));
const stages = lines.filter((l) => l.startsWith('FROM '));
const lastStage = lines.slice(lines.lastIndexOf(stages[stages.length - 1]!));
const scripts = (
  JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts;

describe('deploy/Dockerfile', () => {
  it('builds in stages on the Node 22 LTS image', () => {
    expect(stages.length).toBeGreaterThanOrEqual(3);
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:22-[a-z]+-slim$/m);
    for (const s of stages) expect(s).toMatch(/^FROM \$\{NODE_IMAGE\}/);
  });

  it('compiles with the build script and installs production dependencies only in the runtime', () => {
    expect(lines).toContain('RUN npm run build -- /out');
    expect(scripts['build']).toContain('tools/build/build.ts');
    expect(lines.some((l) => /npm ci .*--omit=dev/.test(l))).toBe(true);
    // The runtime stage installs nothing itself: it copies the production node_modules and the compiled tree.
    expect(lastStage.filter((l) => l.startsWith('RUN '))).toEqual([]);
    expect(lastStage).toContain('COPY --from=build --chown=root:root /out ./');
  });

  it('copies only directories that exist', () => {
    for (const l of lines.filter((x) => x.startsWith('COPY ') && !x.includes('--from='))) {
      const sources = l
        .split(/\s+/)
        .slice(1, -1)
        .filter((w) => !w.startsWith('--'));
      for (const s of sources) expect(existsSync(path.join(ROOT, s))).toBe(true);
    }
  });

  it('runs as a non-root user with a healthcheck, the command choosing the process', () => {
    expect(lastStage.filter((l) => l.startsWith('USER '))).toEqual(['USER node']);
    expect(lastStage.find((l) => l.startsWith('HEALTHCHECK '))).toContain('"tools/serve/serve.js", "healthcheck"');
    expect(lastStage).toContain('ENTRYPOINT ["node", "--enable-source-maps", "tools/serve/serve.js"]');
    expect(existsSync(path.join(ROOT, 'tools/serve/serve.ts'))).toBe(true);
    for (const name of [
      'auth-service',
      'sync-orchestrator',
      'clio-fetcher',
      'document-processor',
      'relay',
      'projections',
      'migrate',
    ]) {
      expect(Object.keys(PROCESSES)).toContain(name);
    }
  });
});
