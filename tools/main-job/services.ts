// Starts each platform process as its own child (as in production), with its log in a file, and waits for health.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import { listensOn } from './listens-on';

export interface ServiceSpec {
  name: string;
  /** Entry point, relative to the repository root (or absolute); a `.js` entry (the compiled tree) runs on plain node. */
  entry: string;
  args?: string[];
  env: NodeJS.ProcessEnv;
  /** `http://127.0.0.1:<port>/health/ready`, polled until 200. */
  readyUrl?: string;
}

export interface RunningService {
  name: string;
  child: ChildProcess;
  logFile: string;
  stop(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '..', '..');

// `SF_CPU_PROF_DIR=<dir>`: every process writes a V8 CPU profile there when it exits cleanly (how the benchmarks'
// processes are profiled: NODE_OPTIONS refuses --cpu-prof).
const profileArgs = (name: string): string[] => {
  const dir = process.env['SF_CPU_PROF_DIR'];
  return dir
    ? ['--cpu-prof', `--cpu-prof-dir=${dir}`, `--cpu-prof-name=${name.replace(/[^\w.-]/g, '_')}.cpuprofile`]
    : [];
};

const waitForHttp = async (url: string, child: ChildProcess, name: string, timeoutMs: number): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${name} exited with code ${child.exitCode} during start (see its log)`);
    let ok = false;
    try {
      ok = (await fetch(url)).ok;
    } catch {
      // not listening yet
    }
    if (ok) {
      // Ports come from `freePort`; another process (a parallel test's) can take one before the child listens.
      if (listensOn(child.pid!, Number(new URL(url).port)) === false)
        throw new Error(`${name}: ${url} answers, but from another process that took its port (see its log)`);
      return;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${name} was not ready at ${url} within ${timeoutMs / 1000} s (see its log)`);
};

export const startService = async (spec: ServiceSpec, logDir: string, timeoutMs = 60_000): Promise<RunningService> => {
  mkdirSync(logDir, { recursive: true });
  const logFile = path.join(logDir, `${spec.name}.log`);
  const log = createWriteStream(logFile, { flags: 'a' });
  const entry = path.resolve(ROOT, spec.entry);
  const child = spawn(
    process.execPath,
    [
      ...profileArgs(spec.name),
      ...(entry.endsWith('.js') ? [] : ['-r', '@swc-node/register']),
      entry,
      ...(spec.args ?? []),
    ],
    {
      cwd: ROOT,
      env: { ...process.env, ...spec.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  // Two sources into one file: neither may end it (the other may still write); the child's close does.
  child.stdout?.pipe(log, { end: false });
  child.stderr?.pipe(log, { end: false });
  child.once('close', () => log.end());
  try {
    if (spec.readyUrl) await waitForHttp(spec.readyUrl, child, spec.name, timeoutMs);
  } catch (e) {
    // Never leave a process behind that the caller does not know about.
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    throw e;
  }
  const stop = async (): Promise<void> => {
    // A child killed by a signal has no exit code, only a signal code; both mean it is gone.
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((r) => child.once('exit', () => r()));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  };
  return { name: spec.name, child, logFile, stop };
};
