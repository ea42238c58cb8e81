// The simulator's own serving rate for the same data the fetcher asks for: every resource, the fetcher's fields,
// pages of 200 followed one at a time (the fetcher is serial per job), JSON parsed, nothing stored.
import path from 'node:path';
import { request } from 'undici';
import { listUrl } from '@sf/clio-client';
import { CLIO_FIELDS, listingSourceOf, type ClioEntityType } from '@sf/clio-mirror';
import { freePort } from '@sf/testing';
import { startService } from '../../tools/main-job/services';

export interface SimulatorRate {
  records: number;
  seconds: number;
  recordsPerS: number;
}

export const simulatorRecordsPerSecond = async (opts: {
  size: string;
  logDir: string;
}): Promise<SimulatorRate & { cold: SimulatorRate }> => {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const sim = await startService(
    {
      name: 'clio-simulator-baseline',
      entry: 'simulator/cli/src/main.ts',
      args: ['--size', opts.size, '--seed', '7', '--port', String(port), '--rate-limit', 'off'],
      env: {},
      readyUrl: `${origin}/_control/health`,
    },
    path.join(opts.logDir, 'baseline'),
    300_000,
  );
  try {
    const tokenRes = await request(`${origin}/_control/oauth/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ region: 'us' }),
    });
    const token = (await tokenRes.body.json()) as { accessToken?: string; access_token?: string };
    const bearer = token.accessToken ?? token.access_token;
    if (!bearer) throw new Error('simulator did not mint a token');
    const headers = { authorization: `Bearer ${bearer}`, 'x-api-version': '4.0.9' };
    let records = 0;
    const run = async (): Promise<SimulatorRate> => {
      records = 0;
      const started = process.hrtime.bigint();
      for (const [e, fields] of Object.entries(CLIO_FIELDS)) {
        const { resource, filters } = listingSourceOf(e as ClioEntityType);
        // The fetcher's own first-page URL (fields, order where the endpoint takes one, limit, filters).
        let url: string | undefined = listUrl(`${origin}/api/v4`, {
          resource,
          fields: [...fields],
          filters,
        }).toString();
        while (url) {
          const res = await request(url, { headers });
          const body = (await res.body.json()) as { data: unknown[]; meta?: { paging?: { next?: string } } };
          if (res.statusCode !== 200) throw new Error(`baseline ${resource}: HTTP ${res.statusCode}`);
          records += body.data.length;
          url = body.meta?.paging?.next;
        }
      }
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      return { records, seconds, recordsPerS: records / seconds };
    };
    // The first pass serves every page cold, as a sync gets them, and fills the simulator's JSON cache; the second
    // (the baseline the target is measured against, the higher bar) serves them from that cache.
    const cold = await run();
    return { ...(await run()), cold };
  } finally {
    await sim.stop();
  }
};
