import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './free-port';
import { testBusConfig, testBusUsers, type BusLogin, type NatsConfigRenderer } from './test-bus';

/**
 * A nats-server of a test's own (never the shared one on 4222), so the test may kill and restart it. It runs the
 * test run's locked configuration (`testBusConfig`, `testBusUsers`), or is open when the run has none.
 */
export interface OwnNatsServer {
  url: string;
  port: number;
  /** The bus users it accepts (empty: an open server). */
  users: readonly BusLogin[];
  /** `http://127.0.0.1:<port>` of its monitoring endpoints (`/connz?auth=1`), when asked for (`monitor`). */
  monitorUrl?: string;
  /** Its JetStream store: kept across stop/start, so streams and consumers survive like a real restart. */
  storeDir: string;
  /** Starts it (again) on the same port and store; resolves once it accepts connections. A no-op while it runs. */
  start(): Promise<void>;
  /** SIGKILL (no clean shutdown) and wait for the exit. */
  kill(): Promise<void>;
  /** Kills it for good and deletes its store. */
  dispose(): Promise<void>;
}

const accepts = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const s = createConnection({ port, host: '127.0.0.1' });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

/** Spawns a nats-server with JetStream on a free port with a fresh store dir (`users`: default the run's). */
export const startOwnNatsServer = async (
  o: {
    /** The configuration (rendered with `renderNatsServerConfig` of @sf/messaging); default the run's. */
    config?: NatsConfigRenderer;
    /** The users that configuration holds; default the run's. */
    users?: readonly BusLogin[];
    monitor?: boolean;
  } = {},
): Promise<OwnNatsServer> => {
  const port = await freePort();
  const monitorPort = o.monitor ? await freePort() : undefined;
  const storeDir = mkdtempSync(path.join(tmpdir(), 'sf-nats-'));
  const render = o.config ?? testBusConfig();
  const users = render ? (o.users ?? testBusUsers() ?? []) : [];
  // The config lives beside the store, not in it: tests wipe the store to play a server that lost everything.
  const confDir = render ? mkdtempSync(path.join(tmpdir(), 'sf-nats-conf-')) : undefined;
  const confFile = confDir ? path.join(confDir, 'nats-server.conf') : undefined;
  if (render && confFile) writeFileSync(confFile, render(`127.0.0.1:${port}`, storeDir), { mode: 0o600 });
  const args = [
    ...(confFile ? ['-c', confFile] : ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir]),
    ...(monitorPort !== undefined ? ['-m', String(monitorPort)] : []),
  ];
  let child: ChildProcess | undefined;
  const server: OwnNatsServer = {
    url: `nats://127.0.0.1:${port}`,
    port,
    users,
    ...(monitorPort !== undefined ? { monitorUrl: `http://127.0.0.1:${monitorPort}` } : {}),
    storeDir,
    start: async () => {
      // A second server on the same port would fail to bind, and its handle would replace the running one's, which
      // then outlives the test.
      if (child && child.exitCode === null && child.signalCode === null) return;
      const c = spawn('nats-server', args, {
        stdio: 'ignore',
      });
      child = c;
      for (const deadline = Date.now() + 10_000; !(await accepts(port));) {
        if (c.exitCode !== null || Date.now() > deadline) throw new Error(`nats-server on ${port} did not start`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    kill: async () => {
      const c = child;
      child = undefined;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGKILL');
      await exited;
    },
    dispose: async () => {
      await server.kill();
      rmSync(storeDir, { recursive: true, force: true });
      if (confDir) rmSync(confDir, { recursive: true, force: true });
    },
  };
  await server.start();
  return server;
};
