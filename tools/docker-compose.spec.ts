import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { BUS_USER_OF_PROCESS } from './bus/bus-user-names';

// No Docker engine runs here, so the compose file is checked structurally, and by `docker compose config`
// (or the v1 `docker-compose config`) wherever such a client is installed.
const root = path.resolve(__dirname, '..');
const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8')) as {
  services: Record<
    string,
    { image?: string; build?: unknown; command?: string[]; depends_on?: Record<string, unknown>; env_file?: string[] }
  >;
};
const scripts = (
  JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts;

describe('docker-compose.yml', () => {
  const services = Object.entries(compose.services);

  it('brings up Postgres 15 and NATS with JetStream', () => {
    expect(compose.services['postgres']?.image).toBe('postgres:15');
    expect(compose.services['nats']?.image).toMatch(/^nats:/);
    expect(compose.services['nats']?.command).toContain('-js');
  });

  it('runs NATS with the generated locked config and each NATS client as its own bus user', () => {
    expect(compose.services['nats']?.command).toEqual(expect.arrayContaining(['-c', '/etc/nats/compose.conf']));
    for (const [process, user] of Object.entries(BUS_USER_OF_PROCESS)) {
      expect(compose.services[process]?.env_file).toEqual([`tmp/nats/compose/${user}.env`]);
    }
  });

  it.each(services.filter(([, s]) => s.command?.[0] === 'npm'))('%s runs an npm script that exists', (_name, s) => {
    const script = s.command![1] === 'run' ? s.command![2]! : s.command![1]!;
    expect(Object.keys(scripts)).toContain(script);
  });

  it('runs every platform process (docs/architecture.md, "Processes")', () => {
    const run = services.map(([, s]) => (s.command?.[1] === 'run' ? s.command[2] : s.command?.[1]));
    for (const script of ['relay', 'projections', 'auth', 'orchestrator', 'fetcher', 'processor', 'simulator']) {
      expect(run).toContain(script);
    }
  });

  it.each(services)('%s depends only on services that exist', (_name, s) => {
    for (const dep of Object.keys(s.depends_on ?? {})) expect(Object.keys(compose.services)).toContain(dep);
  });

  const client = [['docker', 'compose'], ['docker-compose']].find(
    (cmd) => spawnSync(cmd[0]!, [...cmd.slice(1), 'version'], { encoding: 'utf8' }).status === 0,
  );
  (client ? it : it.skip)(`is valid for ${client?.join(' ') ?? 'a compose client (none installed here)'}`, () => {
    const r = spawnSync(client![0]!, [...client!.slice(1), 'config', '-q'], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
