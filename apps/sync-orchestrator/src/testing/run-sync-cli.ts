// Test-only: `npm run sync -- …` as a child process against a test database.
import { execFile } from 'node:child_process';
import { join } from 'node:path';

export interface CliRun {
  /** Exit code; null when the run was killed (it overran `timeoutMs`). */
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the orchestrator CLI asynchronously, so Jest's own timeout still fires while it runs (a synchronous spawn
 * blocks the event loop) and a busy CI machine compiling the CLI on start gets a generous limit.
 */
export const runSyncCli = (databaseUrl: string, args: readonly string[], timeoutMs = 120_000): Promise<CliRun> =>
  new Promise((resolve) => {
    execFile(
      process.execPath,
      ['-r', '@swc-node/register', join(__dirname, '..', 'cli.ts'), ...args],
      { env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: 'utf8', timeout: timeoutMs },
      (err, stdout, stderr) => {
        const code = err === null ? 0 : typeof err.code === 'number' ? err.code : null;
        resolve({ status: code, stdout, stderr });
      },
    );
  });
