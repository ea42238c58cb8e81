import { readFileSync } from 'node:fs';
import { PROCESSES, healthPortOf, isProcessName, type ProcessName, type ProcessSpec } from './processes';

/** The process named in a NUL-separated command line (`node ... serve.js <process> ...`, maybe under an init). */
export const processInCommandLine = (cmdline: string): ProcessName | undefined =>
  cmdline.split('\0').find(isProcessName);

/**
 * The process this container runs, from PID 1's command line: Docker's HEALTHCHECK runs beside it with the image's
 * environment but not its arguments.
 */
const containerProcess = (): ProcessName | undefined => {
  try {
    return processInCommandLine(readFileSync('/proc/1/cmdline', 'utf8'));
  } catch {
    return undefined;
  }
};

/**
 * Exit code of the image's HEALTHCHECK: 0 when the process answers `/health/ready` with 200 (or serves no health:
 * a one-shot command), 1 otherwise. `SF_PROCESS` names the process where PID 1 is not ours.
 */
export const healthcheck = async (env: NodeJS.ProcessEnv, timeoutMs = 3_000): Promise<number> => {
  const name = isProcessName(env['SF_PROCESS']) ? env['SF_PROCESS'] : containerProcess();
  if (name === undefined) {
    process.stderr.write(`healthcheck: no process of ${Object.keys(PROCESSES).join('|')} found\n`);
    return 1;
  }
  const spec: ProcessSpec = PROCESSES[name];
  if (spec.health === 'none') return 0;
  const port = healthPortOf(name, env);
  if (port === undefined || !(port > 0)) {
    process.stderr.write(`healthcheck: ${name} serves its health on HEALTH_PORT, which is not set to a port\n`);
    return 1;
  }
  try {
    const res = await fetch(`http://127.0.0.1:${port}/health/ready`, { signal: AbortSignal.timeout(timeoutMs) });
    process.stdout.write(`${name}: ${res.status} ${await res.text()}\n`);
    return res.ok ? 0 : 1;
  } catch (err) {
    process.stdout.write(`${name}: no answer on port ${port} (${err instanceof Error ? err.name : 'error'})\n`);
    return 1;
  }
};
