// What the processes of a bench used, from /proc (Linux): a process's peak memory, and the CPU seconds each spent
// while measured, the platform's children by name and the Postgres backends of the run's database by their
// application_name (`pg:<name>`). CPU is sampled every second, because a backend that a pool closes takes its
// counters with it (a backend's first second is missed). On a loaded machine the shares say where the work is,
// which wall times cannot.
import { readFileSync } from 'node:fs';
import { withAdmin } from '@sf/testing';

const TICKS_PER_S = 100;

/** utime + stime of `pid` in seconds, or undefined when it is gone. */
const cpuSecondsOf = (pid: number): number | undefined => {
  try {
    // Fields after the command (which may hold spaces) start after the last ')': utime and stime are 14th and 15th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / TICKS_PER_S;
  } catch {
    return undefined;
  }
};

/** Peak resident set of a live process (VmHWM), MB; NaN when it is gone or unknown. */
export const peakRssMb = (pid: number | undefined): number => {
  if (!pid) return NaN;
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Math.round(Number(m[1]) / 1024) : NaN;
  } catch {
    return NaN;
  }
};

export interface CpuUse {
  name: string;
  cpuS: number;
}

export interface CpuSampler {
  /** Stops sampling (again: the same figures); CPU seconds by process name, the largest first. */
  stop(): Promise<CpuUse[]>;
  /** The most connections to the run's database seen in one sample, in all and by application (`pg:<name>`). */
  peakConnections(): { total: number; byApp: Record<string, number> };
}

/** `relay 12.0 s, pg:projections 8.1 s, ...`: the line a bench prints. */
export const formatCpu = (use: readonly CpuUse[]): string =>
  use.map((u) => `${u.name} ${u.cpuS.toFixed(1)} s`).join(', ');

export const sampleCpu = (o: {
  adminUrl: string;
  databaseUrl: string;
  processes: () => Array<{ name: string; pid: number | undefined }>;
}): CpuSampler => {
  // Per pid: its CPU seconds when first seen and now; the difference is what it spent during the measurement.
  const seen = new Map<number, { name: string; from: number; cpuS: number }>();
  const peak = { total: 0, byApp: {} as Record<string, number> };
  const see = (pid: number, name: string): void => {
    const cpuS = cpuSecondsOf(pid);
    if (cpuS !== undefined) seen.set(pid, { name, from: seen.get(pid)?.from ?? cpuS, cpuS });
  };
  const sample = async (): Promise<void> => {
    for (const p of o.processes()) if (p.pid) see(p.pid, p.name);
    const backends = await withAdmin(o.adminUrl, (c) =>
      c.query<{ pid: number; app: string }>(
        'select pid, application_name as app from pg_stat_activity where datname = $1',
        [new URL(o.databaseUrl).pathname.slice(1)],
      ),
    ).catch(() => ({ rows: [] }));
    const now: Record<string, number> = {};
    for (const b of backends.rows) {
      const name = `pg:${b.app.replace(/:.*$/, '') || '?'}`;
      see(b.pid, name);
      now[name] = (now[name] ?? 0) + 1;
    }
    peak.total = Math.max(peak.total, backends.rows.length);
    for (const [name, n] of Object.entries(now)) peak.byApp[name] = Math.max(peak.byApp[name] ?? 0, n);
  };
  let running = sample();
  const timer = setInterval(() => {
    running = running.then(sample);
  }, 1_000);
  let stopped: Promise<CpuUse[]> | undefined;
  const stop = async (): Promise<CpuUse[]> => {
    clearInterval(timer);
    await running;
    await sample();
    const by = new Map<string, number>();
    for (const v of seen.values()) by.set(v.name, (by.get(v.name) ?? 0) + v.cpuS - v.from);
    return [...by.entries()]
      .map(([name, cpuS]) => ({ name, cpuS: Math.round(cpuS * 10) / 10 }))
      .sort((a, b) => b.cpuS - a.cpuS);
  };
  return { stop: () => (stopped ??= stop()), peakConnections: () => ({ total: peak.total, byApp: { ...peak.byApp } }) };
};
