// Each firm's first-login sync in a scale run against its own rate-limit bound: the requests its token made divided
// by the rate allowed, beside the job's wall time (started to completed).
import { sql, type Kysely } from 'kysely';
import type { PlatformDb } from '../../tools/migration-sets';
import type { SimulatorControl } from '../../tools/main-job/simulator';

export interface FirmRun {
  firmId: string;
  jobId: string;
  startedAt: number;
  completedAt: number;
  /** Started to completed, seconds. */
  wallS: number;
}

export interface FirmFigures {
  runs: FirmRun[];
  /** API requests per token (one token per firm), fewest to most. */
  requestsPerToken: number[];
  r429: number;
  /** The bound of a firm: its requests / (limit per minute / 60), seconds (the fewest requests of any token). */
  boundS: number;
  /** Each firm's wall / bound, worst first. */
  boundRatios: number[];
  /** Slowest firm's wall / median wall. */
  fairness: number;
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** The firms' first jobs, once every one has completed (throws on a failed or cancelled one). */
export const completedRuns = async (db: Kysely<PlatformDb>, firmIds: readonly string[]): Promise<FirmRun[] | null> => {
  const { rows } = await sql<{
    firm_id: string;
    job_id: string;
    state: string;
    started_at: Date | null;
    completed_at: Date | null;
  }>`select firm_id, job_id, state, started_at, completed_at from sync_jobs where firm_id = any(${firmIds})`.execute(
    db,
  );
  const bad = rows.find((r) => r.state === 'failed' || r.state === 'cancelled');
  if (bad) throw new Error(`${bad.firm_id}'s sync ended ${bad.state}`);
  const done = rows.filter((r) => r.state === 'completed' && r.started_at && r.completed_at);
  if (done.length < firmIds.length) return null;
  return done.map((r) => {
    const startedAt = new Date(r.started_at!).getTime();
    const completedAt = new Date(r.completed_at!).getTime();
    return { firmId: r.firm_id, jobId: r.job_id, startedAt, completedAt, wallS: (completedAt - startedAt) / 1000 };
  });
};

export const firmFigures = async (
  runs: readonly FirmRun[],
  control: SimulatorControl,
  limitPerMin: number,
): Promise<FirmFigures> => {
  const counters = await control<{ byToken: Record<string, { requests: number; byStatus: Record<string, number> }> }>(
    'GET',
    '/requests/counters',
  );
  const tokens = Object.values(counters.byToken);
  const requestsPerToken = tokens.map((t) => t.requests).sort((a, b) => a - b);
  // The simulator counts by token and never sees firm ids: every firm syncs the same account, so each needs the
  // same requests; the fewest of any token is the bound of all (a firm that needed more is held to less, never more).
  const boundS = requestsPerToken[0]! / (limitPerMin / 60);
  const walls = runs.map((r) => r.wallS);
  return {
    runs: [...runs],
    requestsPerToken,
    r429: tokens.reduce((n, t) => n + (t.byStatus['429'] ?? 0), 0),
    boundS,
    boundRatios: walls.map((w) => w / boundS).sort((a, b) => b - a),
    fairness: Math.max(...walls) / median(walls),
  };
};
