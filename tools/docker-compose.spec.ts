import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { demoApp } from '@sf/clio-simulator';
import { parseCliArgs } from '../simulator/cli/src/cli-options';
import { PROCESSES, isProcessName, type ProcessSpec } from './serve/processes';
import { BUS_USER_OF_PROCESS } from './bus/bus-user-names';

// No Docker engine runs here, so the compose file is checked structurally, and by `docker compose config`
// (or the v1 `docker-compose config`) wherever such a client is installed.
interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  network_mode?: string;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  env_file?: string[];
}
const root = path.resolve(__dirname, '..');
const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
const services = Object.entries(compose.services);
const fromImage = services.filter(([, s]) => s.build?.dockerfile === 'deploy/Dockerfile');
const service = (name: string): ComposeService => compose.services[name]!;
/** `${VAR:-default}` as compose resolves it with VAR unset. */
const value = (v: string | undefined): string => (v ?? '').replace(/^\$\{[A-Z_]+:-(.*)\}$/, '$1');
const published = (s: ComposeService): number[] => (s.ports ?? []).map((p) => Number(p.split(':')[0]));
const oauthSimulatorArgs = (): string[] => service('clio-simulator').command!.slice(1);

describe('docker-compose.yml', () => {
  it('runs NATS with the generated locked config and each NATS client as its own bus user', () => {
    expect(service('nats').command).toEqual(expect.arrayContaining(['-c', '/etc/nats/compose.conf']));
    for (const [process, user] of Object.entries(BUS_USER_OF_PROCESS)) {
      expect(service(process).env_file).toEqual([`tmp/nats/compose/${user}.env`]);
    }
  });

  it('brings up Postgres 15 and NATS with JetStream', () => {
    expect(service('postgres').image).toBe('postgres:15');
    expect(service('nats').image).toMatch(/^nats:2\.9/);
    expect(service('nats').command).toContain('-js');
  });

  it.each(fromImage)('%s runs a process of the image (tools/serve/processes.ts)', (_name, s) => {
    expect(s.image).toBe('sf-platform:dev');
    expect(isProcessName(s.command?.[0])).toBe(true);
  });

  it('runs every platform process, the document processor included, and the simulator', () => {
    const run = fromImage.map(([, s]) => s.command![0]);
    const expected = Object.entries(PROCESSES as Record<string, ProcessSpec>)
      .filter(([, p]) => p.production && (p.health !== 'none' || p === PROCESSES.migrate))
      .map(([n]) => n);
    expect(run.sort()).toEqual([...expected, 'clio-simulator'].sort());
  });

  it.each(services.filter(([, s]) => s.command?.[0] !== 'migrate'))('%s has a health check', (_name, s) => {
    expect(s.healthcheck?.test.length).toBeGreaterThan(1);
  });

  it.each(services)('%s waits for healthy (or completed) dependencies that exist', (_name, s) => {
    for (const [dep, { condition }] of Object.entries(s.depends_on ?? {})) {
      expect(Object.keys(compose.services)).toContain(dep);
      if (dep === 'migrate') expect(condition).toBe('service_completed_successfully');
      else {
        expect(condition).toBe('service_healthy');
        expect(service(dep).healthcheck).toBeDefined();
      }
    }
  });

  it('lets a browser on the host run the OAuth connect flow against the simulator', () => {
    const auth = service('auth-service');
    const env = auth.environment!;
    const sim = service('clio-simulator');
    // The callback is registered with the simulator's demo app, whose credentials the auth service uses.
    const parsed = parseCliArgs(oauthSimulatorArgs());
    const app = parsed.ok ? parsed.options.oauth?.apps?.[0] : undefined;
    const callback = value(env['AUTH_CALLBACK_URL']);
    expect(app?.redirectUris).toContain(callback);
    expect([value(env['CLIO_CLIENT_ID']), value(env['CLIO_CLIENT_SECRET'])]).toEqual([
      demoApp().clientId,
      demoApp().clientSecret,
    ]);
    // The browser reaches the simulator's authorize page and our callback through ports published on the host...
    const origin = new URL(value(env['CLIO_OAUTH_ORIGIN_US']));
    const callbackUrl = new URL(callback);
    for (const u of [origin, callbackUrl]) expect(['localhost', '127.0.0.1']).toContain(u.hostname);
    expect(published(sim)).toEqual(expect.arrayContaining([Number(origin.port), Number(callbackUrl.port)]));
    expect(Number(value(env['PORT']))).toBe(Number(callbackUrl.port));
    // ...and the same origin is the simulator from inside every process that talks to Clio (one network namespace).
    for (const name of ['auth-service', 'clio-fetcher', 'document-processor', 'webhooks']) {
      expect(service(name).network_mode).toBe('service:clio-simulator');
      expect(service(name).ports).toBeUndefined();
    }
    const simPort = Number(oauthSimulatorArgs()[oauthSimulatorArgs().indexOf('--port') + 1]);
    expect(simPort).toBe(Number(origin.port));
    // Every HTTP port in the shared namespace is distinct and published.
    const sharedPorts = [
      simPort,
      3001,
      PROCESSES['clio-fetcher'].health.defaultPort,
      PROCESSES['document-processor'].health.defaultPort,
      PROCESSES.webhooks.health.defaultPort,
    ];
    expect(new Set(sharedPorts).size).toBe(sharedPorts.length);
    expect(published(sim).sort()).toEqual(sharedPorts.sort());
  });

  it('has the simulator deliver webhooks to the ingress on their shared network, sealed with its own key', () => {
    const env = service('webhooks').environment!;
    const publicUrl = new URL(value(env['WEBHOOKS_PUBLIC_URL']));
    // Loopback http: the only plain-http origin the simulator registers webhooks for.
    expect(['localhost', '127.0.0.1']).toContain(publicUrl.hostname);
    expect(Number(publicUrl.port)).toBe(Number(value(env['PORT'])));
    expect(Number(value(env['PORT']))).toBe(PROCESSES.webhooks.health.defaultPort);
    expect(value(env['TOKEN_VAULT_KEYS'])).not.toBe(value(service('auth-service').environment!['TOKEN_VAULT_KEYS']));
    expect(Buffer.from(value(env['TOKEN_VAULT_KEYS']).split(':')[1]!, 'base64')).toHaveLength(32);
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
