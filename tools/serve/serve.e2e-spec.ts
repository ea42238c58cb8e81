import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createTestDatabase, startOwnNatsServer, type OwnNatsServer, type TestDatabase } from '@sf/testing';
import { buildDist } from '../build/build';
import { packagesRequiredBy } from '../build/require-graph';
import { freePort } from '@sf/testing';
import { platformServiceSpecs } from '../main-job/platform-services';
import { startService, type RunningService } from '../main-job/services';
import { PROCESSES, isProcessName, type ProcessName } from './processes';

// The image's entry points, compiled as deploy/Dockerfile compiles them (`npm run build`), so they cannot rot: the
// tree loads only production dependencies, and every production process starts from it and answers /health/ready.
const ROOT = path.resolve(__dirname, '..', '..');
const { dependencies } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
};

let dist: string;
const serveJs = (): string => path.join(dist, 'tools/serve/serve.js');
const serve = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  spawnSync(process.execPath, [serveJs(), ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });

beforeAll(async () => {
  dist = mkdtempSync(path.join(tmpdir(), 'sf-dist-'));
  await buildDist(dist);
  // The image installs node_modules beside the compiled tree.
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(dist, 'node_modules'));
});
afterAll(() => rmSync(dist, { recursive: true, force: true }));

describe('the compiled tree (deploy/Dockerfile)', () => {
  const production = (Object.keys(PROCESSES) as ProcessName[]).filter((n) => PROCESSES[n].production);

  it('loads only production dependencies from every production entry point', () => {
    const entries = [serveJs(), ...production.map((n) => path.join(dist, `${PROCESSES[n].entry}.js`))];
    const missing = [...packagesRequiredBy(entries)].filter((p) => !(p in dependencies));
    expect(missing).toEqual([]);
  });

  it('lists its processes and refuses an unknown one', () => {
    const help = serve(['--help']);
    expect(help.status).toBe(0);
    for (const name of Object.keys(PROCESSES)) expect(help.stdout).toContain(name);
    const unknown = serve(['nope']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('unknown process "nope"');
  });

  describe('against Postgres and its own NATS', () => {
    let nats: OwnNatsServer;
    let tdb: TestDatabase;
    const running: RunningService[] = [];
    beforeAll(async () => {
      [nats, tdb] = await Promise.all([startOwnNatsServer(), createTestDatabase({ migrate: false })]);
    });
    afterAll(async () => {
      await Promise.all(running.map((s) => s.stop()));
      await tdb?.drop();
      await nats?.dispose();
    });

    it('migrates, then starts every production process, each ready and healthy by the image healthcheck', async () => {
      const migrated = serve(['migrate'], { DATABASE_URL: tdb.url });
      expect(migrated.stderr).toBe('');
      expect(migrated.stdout).toMatch(/^applied \d+ migration\(s\)/);

      const [auth, orchestrator, fetcher, processor, relayHealth, projectionsHealth, webhooks] = await Promise.all(
        Array.from({ length: 7 }, freePort),
      );
      const common = {
        DATABASE_URL: tdb.url,
        NATS_URL: nats.url,
        AUTH_JWT_SECRET: randomBytes(32).toString('hex'),
        LOG_LEVEL: 'info',
        HOST: '127.0.0.1',
      };
      const specs = platformServiceSpecs({
        common,
        ports: {
          auth: auth!,
          orchestrator: orchestrator!,
          fetcher: fetcher!,
          processor,
          relayHealth: relayHealth!,
          projectionsHealth: projectionsHealth!,
          webhooks,
        },
        simOrigin: 'http://127.0.0.1:9',
        clientId: 'deploy-test',
        clientSecret: randomBytes(16).toString('hex'),
      });
      // The main job and the image run the same entry points.
      for (const s of specs) {
        expect(isProcessName(s.name) && `${PROCESSES[s.name].entry}.ts`).toBe(s.entry);
      }
      expect(specs.map((s) => s.name).sort()).toEqual(production.filter((n) => n !== 'migrate' && n !== 'sync').sort());

      const logDir = path.join(dist, 'logs');
      const started = await Promise.allSettled(
        specs.map((s) => startService({ ...s, entry: serveJs(), args: [s.name] }, logDir, 120_000)),
      );
      for (const r of started) if (r.status === 'fulfilled') running.push(r.value);
      for (const r of started) if (r.status === 'rejected') throw r.reason;

      for (const s of specs) {
        const check = serve(['healthcheck'], { ...s.env, SF_PROCESS: s.name });
        expect({ process: s.name, status: check.status, out: check.stdout }).toEqual({
          process: s.name,
          status: 0,
          out: expect.stringContaining('200'),
        });
      }
    }, 240_000);
  });
});
