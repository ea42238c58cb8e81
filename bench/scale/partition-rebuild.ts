// Mirror projection throughput with 1 and with N partitions on the same log: the mirror rebuilt from position 0 by
// one `projections rebuild clio-mirror` process, then by N processes side by side, each rebuilding its partition
// (`clio-mirror#i/N`), as N projection replicas would. Each process reports its own rebuild time (its `rebuilt` log
// line), so process start-up is not counted.
import { spawn } from 'node:child_process';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');

/** Runs `projections rebuild <name>` with `SF_MIRROR_PARTITIONS=partitions`; resolves with its rebuild's ms. */
const rebuild = (databaseUrl: string, name: string, partitions: number): Promise<{ ms: number; events: number }> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', '@swc-node/register', 'tools/projections.ts', 'rebuild', name], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: databaseUrl, SF_MIRROR_PARTITIONS: String(partitions), LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (b: Buffer) => (out += b.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.split('\n').find((l) => l.includes('"rebuilt"'));
      const parsed = line ? (JSON.parse(line) as { ms?: number; events?: number }) : {};
      if (code !== 0 || parsed.ms === undefined) reject(new Error(`rebuild ${name} exited ${code}`));
      else resolve({ ms: parsed.ms, events: parsed.events ?? 0 });
    });
  });

export interface PartitionRebuilds {
  events: number;
  /** Wall time of the rebuild by one process, and by `partitions` processes side by side (the slowest), ms. */
  oneMs: number;
  manyMs: number;
  partitions: number;
  /** oneMs / manyMs. */
  speedup: number;
}

export const rebuildWithPartitions = async (databaseUrl: string, partitions: number): Promise<PartitionRebuilds> => {
  const one = await rebuild(databaseUrl, 'clio-mirror', 1);
  const many = await Promise.all(
    Array.from({ length: partitions }, (_, i) =>
      rebuild(databaseUrl, `clio-mirror#${i + 1}/${partitions}`, partitions),
    ),
  );
  const manyMs = Math.max(...many.map((r) => r.ms));
  return { events: one.events, oneMs: one.ms, manyMs, partitions, speedup: one.ms / manyMs };
};
