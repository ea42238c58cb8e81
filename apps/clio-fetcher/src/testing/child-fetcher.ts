import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

const REPO_ROOT = path.resolve(__dirname, '../../../..');
const MAIN = 'apps/clio-fetcher/src/main.ts';

export interface ChildFetcher {
  readonly child: ChildProcess;
  /** stdout and stderr, for failure messages. */
  readonly output: string[];
  /** Resolves once the process logged that it started. */
  readonly started: Promise<void>;
  /** SIGKILL: no graceful stop, leases are left to expire. */
  kill(): Promise<void>;
  /** SIGTERM and wait for exit (graceful stop). */
  stop(): Promise<number | null>;
}

const exited = (c: ChildProcess): Promise<number | null> =>
  c.exitCode !== null || c.signalCode !== null ? Promise.resolve(c.exitCode) : new Promise((r) => c.once('exit', (code) => r(code)));

/** Runs `npm run fetcher` (the real main.ts) in a child process with `env`. */
export const spawnFetcher = (env: Record<string, string>): ChildFetcher => {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', MAIN], {
    cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const started = new Promise<void>((resolve, reject) => {
    const onData = (b: Buffer): void => {
      output.push(b.toString());
      if (b.toString().includes('clio-fetcher started')) resolve();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (b: Buffer) => output.push(b.toString()));
    child.once('exit', (code) => reject(new Error(`fetcher exited (${code}) before starting:\n${output.join('')}`)));
  });
  started.catch(() => undefined);
  return {
    child, output, started,
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
