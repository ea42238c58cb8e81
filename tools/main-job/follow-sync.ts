// Following the first-login sync: the job's progress over the orchestrator's HTTP API, and the mirror catching up.
import type { Kysely } from 'kysely';
import type { GatewayClient } from '@sf/gateway-client';
import { renderFrame, type EntityProgress } from './progress-view';
import { checkMirror, type GroundTruth } from './summary';

export interface JobView {
  state: string;
  entities?: Record<string, { fetched: number; total: number | null }>;
  etaMs?: number | null;
  error?: { code: string; message: string } | null;
}

const TERMINAL = new Set(['completed', 'failed', 'cancelled']);

export const counters = (c: {
  byToken: Record<string, { requests: number; byStatus: Record<string, number> }>;
}): { requests: number; r429: number } =>
  Object.values(c.byToken).reduce(
    (a, t) => ({ requests: a.requests + t.requests, r429: a.r429 + (t.byStatus['429'] ?? 0) }),
    { requests: 0, r429: 0 },
  );

/** The first-login job's id, as a gateway client finds it: `GET /sync-jobs?trigger=first_login` (typed client). */
export const waitForJob = async (client: GatewayClient): Promise<string> => {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline;) {
    const { data } = await client.GET('/sync-jobs', {
      params: { query: { trigger: 'first_login', scope: 'firm', limit: '1' } },
    });
    const job = data?.items[0];
    if (job) return job.jobId;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('no sync job appeared within 60 s of connecting (see the sync-orchestrator log)');
};

export const follow = async (
  orchUrl: string,
  jwt: string,
  jobId: string,
  since: number,
  usage: () => Promise<{ requests: number; r429: number }>,
): Promise<JobView> => {
  let drawn = 0;
  const tty = process.stdout.isTTY === true;
  for (;;) {
    const res = await fetch(`${orchUrl}/sync-jobs/${jobId}`, { headers: { authorization: `Bearer ${jwt}` } });
    const view = res.ok ? ((await res.json()) as JobView) : { state: 'requested' };
    const u = await usage();
    const entities: EntityProgress[] = Object.entries(view.entities ?? {}).map(([entityType, e]) => ({
      entityType,
      fetched: e.fetched,
      total: e.total,
    }));
    const lines = renderFrame({
      state: view.state,
      entities,
      etaSeconds: view.etaMs == null ? null : view.etaMs / 1000,
      elapsedSeconds: (Date.now() - since) / 1000,
      apiCalls: u.requests,
      r429: u.r429,
    });
    if (tty) {
      if (drawn > 0) process.stdout.write(`\x1b[${drawn}A`);
      process.stdout.write(lines.map((l) => `\x1b[2K${l}`).join('\n') + '\n');
      drawn = lines.length;
    }
    if (TERMINAL.has(view.state)) {
      if (!tty) console.log(lines.join('\n'));
      return view;
    }
    await new Promise((r) => setTimeout(r, tty ? 250 : 2000));
    if (!tty) console.log(lines[0]);
  }
};

/** The mirror is a projection of the job's events: give it a moment to catch up after the job completes. */
export const waitForMirror = async <DB>(db: Kysely<DB>, firmId: string, truth: GroundTruth) => {
  let checks = await checkMirror(db, firmId, truth);
  for (const deadline = Date.now() + 30_000; !checks.every((c) => c.exact) && Date.now() < deadline;) {
    await new Promise((r) => setTimeout(r, 250));
    checks = await checkMirror(db, firmId, truth);
  }
  return checks;
};
