import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** A nats-server of a test's own (never the shared one on 4222), so the test may kill and restart it. */
export interface OwnNatsServer {
  url: string;
  port: number;
  /** Its JetStream store: kept across stop/start, so streams and consumers survive like a real restart. */
  storeDir: string;
  /** Starts it (again) on the same port and store; resolves once it accepts connections. A no-op while it runs. */
  start(): Promise<void>;
  /** SIGKILL (no clean shutdown) and wait for the exit. */
  kill(): Promise<void>;
  /** Kills it for good and deletes its store. */
  dispose(): Promise<void>;
}

export const freeTcpPort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const a = srv.address();
      srv.close(() => (typeof a === 'object' && a ? resolve(a.port) : reject(new Error('no port'))));
    });
  });

const accepts = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const s = createConnection({ port, host: '127.0.0.1' });
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });

/** Spawns `nats-server -js` on a free port with a fresh store dir. */
export const startOwnNatsServer = async (): Promise<OwnNatsServer> => {
  const port = await freeTcpPort();
  const storeDir = mkdtempSync(path.join(tmpdir(), 'sf-nats-'));
  let child: ChildProcess | undefined;
  const server: OwnNatsServer = {
    url: `nats://127.0.0.1:${port}`,
    port,
    storeDir,
    start: async () => {
      // A second server on the same port would fail to bind, and its handle would replace the running one's, which
      // then outlives the test.
      if (child && child.exitCode === null && child.signalCode === null) return;
      const c = spawn('nats-server', ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir], {
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
    },
  };
  await server.start();
  return server;
};
