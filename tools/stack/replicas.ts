import type { ServiceSpec } from '../main-job/services';

/**
 * `count` replicas of each process: the same environment (one vault key, one state secret, as replicas of a
 * Deployment share their Secrets), each on its own port, named `<process>#<n>`.
 */
export const replicate = async (
  specs: readonly ServiceSpec[],
  count: number,
  freePort: () => Promise<number>,
): Promise<ServiceSpec[]> => {
  const out: ServiceSpec[] = [];
  for (let n = 1; n <= count; n++) {
    for (const spec of specs) {
      const portVar = spec.env['HEALTH_PORT'] !== undefined ? 'HEALTH_PORT' : 'PORT';
      const port = n === 1 ? Number(spec.env[portVar]) : await freePort();
      out.push({
        ...spec,
        name: `${spec.name}#${n}`,
        env: { ...spec.env, [portVar]: String(port) },
        ...(spec.readyUrl ? { readyUrl: spec.readyUrl.replace(/:\d+\//, `:${port}/`) } : {}),
      });
    }
  }
  return out;
};

/** The process a replica name belongs to (`clio-fetcher#2` -> `clio-fetcher`). */
export const processOf = (replicaName: string): string => replicaName.replace(/#\d+$/, '');
