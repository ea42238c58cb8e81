// The OAuth connect flow of docker-compose.yml, as a browser on the host runs it: the simulator and the auth service
// start with the compose file's own command and environment (only the ports, Postgres and NATS swapped for this
// machine's), and a browser-like client follows authorize -> the simulator's consent page -> "Allow Access" -> our
// callback. Proves the callback is registered with the demo app and every redirect is reachable from the host.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { signJwt } from '@sf/http-auth';
import { createTestDatabase, startOwnNatsServer, type OwnNatsServer, type TestDatabase } from '@sf/testing';
import { freePort } from '@sf/testing';
import { startService, type RunningService } from '../main-job/services';
import { PROCESSES, isProcessName } from '../serve/processes';

interface ComposeService {
  command: string[];
  environment: Record<string, string>;
}
const ROOT = path.resolve(__dirname, '..', '..');
const compose = parse(readFileSync(path.join(ROOT, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<string, ComposeService>;
};
/** `${VAR:-default}` as compose resolves it with VAR unset. */
const value = (v: string): string => v.replace(/^\$\{[A-Z_]+:-(.*)\}$/, '$1');
const unescapeHtml = (s: string): string =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
const entryOf = (command: string[]): string => {
  const name = command[0];
  if (!isProcessName(name)) throw new Error(`compose runs an unknown process ${name}`);
  return `${PROCESSES[name].entry}.ts`;
};

describe('docker-compose.yml OAuth connect flow from the host browser', () => {
  let nats: OwnNatsServer;
  let tdb: TestDatabase;
  const running: RunningService[] = [];
  afterAll(async () => {
    await Promise.all(running.map((s) => s.stop()));
    await tdb?.drop();
    await nats?.dispose();
  });

  it('authorize, consent on the simulator, callback: connected', async () => {
    [nats, tdb] = await Promise.all([startOwnNatsServer(), createTestDatabase()]);
    const [simPort, authPort] = [await freePort(), await freePort()];
    // The host ports compose publishes (4010, 3001), moved to free ones here: the same substitution everywhere.
    const local = (s: string): string =>
      s
        .replace(/(localhost|127\.0\.0\.1):4010\b/g, `$1:${simPort}`)
        .replace(/(localhost|127\.0\.0\.1):3001\b/g, `$1:${authPort}`);
    const sim = compose.services['clio-simulator']!;
    const simArgs = sim.command.slice(1).map(local);
    simArgs[simArgs.indexOf('--port') + 1] = String(simPort);
    simArgs[simArgs.indexOf('--size') + 1] = 'small';
    const auth = compose.services['auth-service']!;
    const authEnv = Object.fromEntries(Object.entries(auth.environment).map(([k, v]) => [k, local(value(String(v)))]));
    Object.assign(authEnv, { DATABASE_URL: tdb.url, NATS_URL: nats.url, HOST: '127.0.0.1', PORT: String(authPort) });
    const logDir = path.join(ROOT, 'tmp', 'compose-oauth');
    running.push(
      await startService(
        {
          name: 'clio-simulator',
          entry: entryOf(sim.command),
          args: simArgs,
          env: {},
          readyUrl: `http://127.0.0.1:${simPort}/_control/health`,
        },
        logDir,
        120_000,
      ),
    );
    running.push(
      await startService(
        {
          name: 'auth-service',
          entry: entryOf(auth.command),
          env: authEnv,
          readyUrl: `http://127.0.0.1:${authPort}/health/ready`,
        },
        logDir,
        120_000,
      ),
    );

    const jwt = signJwt(
      { firm_id: 'compose-demo-firm', sub: 'browser', exp: Math.floor(Date.now() / 1000) + 600 },
      { alg: 'HS256', secret: authEnv['AUTH_JWT_SECRET']! },
    );
    const start = await fetch(`http://127.0.0.1:${authPort}/connections/clio/authorize?region=us`, {
      headers: { authorization: `Bearer ${jwt}` },
      redirect: 'manual',
    });
    expect(start.status).toBe(302);
    const consentUrl = new URL(start.headers.get('location')!);
    expect(consentUrl.origin).toBe(`http://localhost:${simPort}`);

    // The consent page, as the browser shows it; "Allow Access" posts its form.
    const page = await (await fetch(consentUrl)).text();
    const form = new URLSearchParams();
    for (const [, name, v] of page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
      form.set(unescapeHtml(name!), unescapeHtml(v!));
    }
    form.set('user_id', /<option value="(\d+)">/.exec(page)![1]!);
    form.set('decision', 'approve');
    const action = new URL(/<form method="post" action="([^"]+)">/.exec(page)![1]!, consentUrl);
    const approved = await fetch(action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
      redirect: 'manual',
    });
    expect(approved.status).toBe(302);
    const callback = new URL(approved.headers.get('location')!);
    expect(`${callback.origin}${callback.pathname}`).toBe(local(value(auth.environment['AUTH_CALLBACK_URL']!)));

    const done = await fetch(callback, { headers: { accept: 'application/json' }, redirect: 'manual' });
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ status: 'connected', region: 'us' });
  }, 240_000);
});
