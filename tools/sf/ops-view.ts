import type { Kysely } from 'kysely';
import type { NatsConnection } from '@nats-io/nats-core';
import { listDeadLetters, type DeadLetterView, type Topology } from '@sf/messaging';
import type { PlatformDb } from '../migration-sets';

/** A job an operator should look at: stalled (restarted for lack of progress) or blocked (waiting for a time). */
export interface OpsJob {
  firmId: string;
  jobId: string;
  trigger: string;
  state: string;
  lastProgressAt: string;
  /** Why it is listed: the stall reason, or until when it is blocked. */
  note: string;
}

/** Per firm: live webhook subscriptions, the first expiry, and what the applier applied. */
export interface OpsWebhooks {
  firmId: string;
  active: number;
  nextExpiry: string | null;
  applied: number;
  lastAppliedAt: string | null;
  lastLagMs: number | null;
}

/** Every firm at once, for operators (`sf ops view`): never a token, never a record. */
export interface OpsView {
  jobsByState: Record<string, number>;
  stalled: OpsJob[];
  blocked: OpsJob[];
  webhooks: OpsWebhooks[];
  deadLetters: DeadLetterView[];
}

const iso = (t: Date | string | null): string | null => (t === null ? null : new Date(t).toISOString());
const LIMIT = 200;

const jobRows = (db: Kysely<PlatformDb>) =>
  db
    .selectFrom('sync_jobs')
    .select(['firm_id', 'job_id', 'trigger', 'state', 'last_progress_at', 'stall_reason', 'blocked_until'])
    .where('state', 'in', ['requested', 'running', 'blocked', 'paused'])
    .orderBy('last_progress_at')
    .limit(LIMIT);

/** Reads the ops view from the read models (sync jobs, webhook tables) and the dead-letter stream. */
export const readOpsView = async (
  db: Kysely<PlatformDb>,
  nc: NatsConnection,
  topology: Pick<Topology, 'namespace' | 'streams'>,
): Promise<OpsView> => {
  const [states, stalled, blocked, subs, stats, deadLetters] = await Promise.all([
    db
      .selectFrom('sync_jobs')
      .select(['state', (eb) => eb.fn.countAll<string>().as('n')])
      .groupBy('state')
      .execute(),
    jobRows(db).where('stalled', '=', true).execute(),
    jobRows(db).where('state', '=', 'blocked').execute(),
    db
      .selectFrom('webhook_subscriptions')
      .select(['firm_id', (eb) => eb.fn.countAll<string>().as('n'), (eb) => eb.fn.min('expires_at').as('next')])
      .where('status', '=', 'active')
      .groupBy('firm_id')
      .execute(),
    db.selectFrom('webhook_firm_stats').selectAll().execute(),
    listDeadLetters(nc, topology, { limit: LIMIT }),
  ]);
  const job = (note: (r: (typeof stalled)[number]) => string) => (r: (typeof stalled)[number]) => ({
    firmId: r.firm_id,
    jobId: r.job_id,
    trigger: r.trigger,
    state: r.state,
    lastProgressAt: iso(r.last_progress_at)!,
    note: note(r),
  });
  const firms = [...new Set([...subs.map((s) => s.firm_id), ...stats.map((s) => s.firm_id)])].sort();
  return {
    jobsByState: Object.fromEntries(states.map((s) => [s.state, Number(s.n)])),
    stalled: stalled.map(job((r) => r.stall_reason ?? 'stalled')),
    blocked: blocked.map(job((r) => `blocked until ${iso(r.blocked_until) ?? 'unknown'}`)),
    webhooks: firms.map((firmId) => {
      const s = subs.find((x) => x.firm_id === firmId);
      const st = stats.find((x) => x.firm_id === firmId);
      return {
        firmId,
        active: Number(s?.n ?? 0),
        nextExpiry: iso((s?.next as Date | string | null | undefined) ?? null),
        applied: Number(st?.applied ?? 0),
        lastAppliedAt: iso(st?.last_applied_at ?? null),
        lastLagMs: st?.last_lag_ms ?? null,
      };
    }),
    deadLetters: deadLetters.map((d) => d.view),
  };
};
