import { readFileSync } from 'node:fs';

/**
 * CPU time (user + system, ms) a process has used so far, from `/proc/<pid>/stat` (Linux; null elsewhere). On a
 * shared machine a process's CPU per request moves far less with the load than requests per second do.
 */
export const processCpuMs = (pid: number | undefined): number | null => {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th, in 10 ms ticks.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
};
