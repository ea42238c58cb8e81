import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

/** Repository root (this file sits in libs/platform/testing/src); children run from here so tsconfig paths resolve. */
const REPO_ROOT = path.resolve(__dirname, '../../../..');

export interface SpawnServiceOptions {
  /** Entry file relative to the repository root, e.g. `apps/clio-fetcher/src/main.ts`. */
  readonly main: string;
  /** A stdout chunk containing this text means the service started. */
  readonly readyLine: string;
  /** Names the service in the "exited before starting" error, e.g. `fetcher`. */
  readonly label: string;
  /** Variables added to (and overriding) the parent's environment. */
  readonly env: Record<string, string>;
}

export interface ServiceChild {
  readonly child: ChildProcess;
  /** stdout and stderr, for failure messages. */
  readonly output: string[];
  /** Resolves once the process logged its ready line; rejects if it exits first. */
  readonly started: Promise<void>;
  /** SIGKILL: no graceful stop, leases are left to expire. */
  kill(): Promise<void>;
  /** SIGTERM and wait for exit (graceful stop). */
  stop(): Promise<number | null>;
}

const exited = (c: ChildProcess): Promise<number | null> =>
  c.exitCode !== null || c.signalCode !== null
    ? Promise.resolve(c.exitCode)
    : new Promise((r) => c.once('exit', (code) => r(code)));

/** Runs a service's real entry file with `node -r @swc-node/register` in a child process. */
export const spawnService = (o: SpawnServiceOptions): ServiceChild => {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', o.main], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...o.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const started = new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (b: Buffer) => {
      output.push(b.toString());
      if (b.toString().includes(o.readyLine)) resolve();
    });
    child.stderr?.on('data', (b: Buffer) => output.push(b.toString()));
    child.once('exit', (code) => reject(new Error(`${o.label} exited (${code}) before starting:\n${output.join('')}`)));
  });
  // Callers that only kill/stop never await `started`; keep its rejection from being unhandled.
  started.catch(() => undefined);
  return {
    child,
    output,
    started,
    kill: async () => {
      child.kill('SIGKILL');
      await exited(child);
    },
    stop: async () => {
      child.kill('SIGTERM');
      return exited(child);
    },
  };
};
