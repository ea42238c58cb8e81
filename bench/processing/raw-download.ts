import type { Simulator } from '@sf/clio-simulator';

/**
 * Baseline: the simulator's own download rate for the same files, with no processor in the way — plain fetches of
 * `/documents/{id}/download` (following the 303), bodies drained, `concurrency` at a time. Returns docs/s.
 */
export const rawDownloadRate = async (
  sim: Simulator,
  ids: readonly string[],
  concurrency: number,
): Promise<{ docsPerS: number; bytes: number }> => {
  const token = sim.edge.issueToken().access_token;
  let next = 0;
  let bytes = 0;
  const lane = async (): Promise<void> => {
    while (next < ids.length) {
      const id = ids[next++];
      const res = await fetch(`${sim.baseUrl()}/documents/${id}/download`, {
        headers: { authorization: `Bearer ${token}`, 'x-api-version': '4.0.9' },
      });
      if (!res.ok || !res.body) throw new Error(`raw download of ${id} failed: ${res.status}`);
      for await (const chunk of res.body) bytes += (chunk as Uint8Array).length;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, lane));
  return { docsPerS: ids.length / ((performance.now() - t0) / 1000), bytes };
};
