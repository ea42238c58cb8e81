import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import {
  decideDueRun,
  DEFAULT_SCHEDULER_CONFIG,
  runOutcome,
  ScheduleKind,
  SyncScope,
  type FirmSchedule,
  type SchedulerConfig,
} from '@sf/sync-jobs';
import { readEventsById } from '@sf/event-store';
import { derivedUuid } from '../sync/derived-ids';
import type { SyncService } from '../sync/sync-service';
import type { OrchestratorDb } from '../schema/orchestrator-schema';
import { claimDueRuns, completeRun, ensureRuns, type ClaimedRun, type RunCompletion } from './schedule-runs';
import { loadSchedules } from './schedule-reads';
import { webhooksOff, type WebhookHealthPort } from './webhook-health';

export interface SchedulerOptions {
  db: Kysely<OrchestratorDb>;
  service: Pick<SyncService, 'request'>;
  config?: SchedulerConfig;
  webhookHealth?: WebhookHealthPort;
  /** Decision clock. Default wall clock. */
  now?: () => Date;
  /** A claim keeps other replicas off a run this long, ms. Default 60 000. */
  leaseMs?: number;
  /** Runs claimed per statement. Default 50. */
  batch?: number;
  owner?: string;
  /** Test seams: called after a claim commits and after a run's request returns, before it completes. */
  hooks?: { afterClaim?: (runs: readonly ClaimedRun[]) => Promise<void>; afterRequest?: () => Promise<void> };
}

/** What one tick did, for logs and tests. */
export interface TickReport {
  claimed: number;
  fired: Array<{ firmId: string; kind: string; trigger: string; reason: string; jobId: string | null }>;
  /** Runs whose claim had been taken over by another replica (their completion changed nothing). */
  fenced: number;
}

/** The request's job and event ids derive from the run: a re-fire of the same run after a crash repeats them. */
const idsOfRun = (r: ClaimedRun) => ({
  jobId: derivedUuid('schedule', r.firmId, r.kind, r.runSeq, 'job'),
  eventIds: [
    derivedUuid('schedule', r.firmId, r.kind, r.runSeq, 'event', '0'),
    derivedUuid('schedule', r.firmId, r.kind, r.runSeq, 'event', '1'),
  ] as const,
});

export interface Scheduler {
  /** One pass: claim every due run (in batches) and act on it. */
  tick(): Promise<TickReport>;
}

/** `last_reason` of a run found already requested by a scheduler that died before completing it. */
export const ALREADY_REQUESTED = 'already_requested';

/** Intervals under a minute would have a run due again within its own tick: a configuration error. */
const MIN_INTERVAL_MS = 60_000;
/** Claim statements per tick at most; what is left is claimed on the next tick. */
const MAX_BATCHES_PER_TICK = 100;

export const createScheduler = (o: SchedulerOptions): Scheduler => {
  const config = o.config ?? DEFAULT_SCHEDULER_CONFIG;
  for (const [name, v] of Object.entries(config))
    if (!(Number.isSafeInteger(v) && v >= MIN_INTERVAL_MS))
      throw new Error(`scheduler ${name} must be an integer of at least ${MIN_INTERVAL_MS} ms`);
  const health = o.webhookHealth ?? webhooksOff;
  const now = o.now ?? (() => new Date());
  const owner = o.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;

  const act = async (run: ClaimedRun, s: FirmSchedule, report: TickReport): Promise<RunCompletion> => {
    const kind = run.kind === ScheduleKind.reconcile ? ScheduleKind.reconcile : ScheduleKind.schedule;
    const t = now();
    const due = {
      kind,
      settings: s.settings,
      region: s.region ?? 'us',
      startedAt: s.startedAt,
      lastRunAt: run.lastRunAt?.getTime() ?? null,
      health: await health(s.firmId),
    };
    const d = decideDueRun(due, t.getTime(), config);
    const seenChangedAt = new Date(s.changedAt);
    if (d.action === 'wait') return { dueAt: new Date(d.until), seenChangedAt, fired: null };
    const ended = (reason: string, done: boolean, retryAt: number): RunCompletion => {
      // After a done run the interval starts now (the decision is a wait: every interval is at least a minute).
      const next = done ? decideDueRun({ ...due, lastRunAt: t.getTime() }, t.getTime(), config) : null;
      const dueAt = new Date(next?.action === 'wait' ? next.until : retryAt);
      return { dueAt, seenChangedAt, fired: { at: t, reason, done } };
    };
    const ids = idsOfRun(run);
    // A scheduler that died after its request committed left the run's first event in the log: the run is done.
    // (Asking again would be harmless while the policy decides the same way, but a different decision, e.g. a new
    // job where a stall restart was decided, would reuse the ids for other events.)
    if ((await readEventsById(o.db, [ids.eventIds[0]])).size > 0) {
      report.fired.push({ firmId: s.firmId, kind, trigger: d.trigger, reason: ALREADY_REQUESTED, jobId: null });
      return ended(ALREADY_REQUESTED, true, t.getTime());
    }
    const r = await o.service.request({
      firmId: s.firmId,
      scope: SyncScope.firm(),
      trigger: d.trigger,
      requestedBy: null,
      ids,
    });
    await o.hooks?.afterRequest?.();
    report.fired.push({ firmId: s.firmId, kind, trigger: d.trigger, reason: r.decision.reason, jobId: r.jobId });
    const outcome = runOutcome(kind, r.decision, t.getTime());
    return ended(r.decision.reason, outcome.done, outcome.done ? t.getTime() : outcome.retryAt);
  };

  return {
    async tick() {
      const report: TickReport = { claimed: 0, fired: [], fenced: 0 };
      await ensureRuns(o.db);
      for (let batch = 0; batch < MAX_BATCHES_PER_TICK; batch++) {
        const runs = await claimDueRuns(o.db, {
          owner,
          now: now(),
          leaseMs: o.leaseMs ?? 60_000,
          limit: o.batch ?? 50,
        });
        if (runs.length === 0) return report;
        report.claimed += runs.length;
        await o.hooks?.afterClaim?.(runs);
        const schedules = await loadSchedules(
          o.db,
          runs.map((r) => r.firmId),
        );
        for (const run of runs) {
          const s = schedules.get(run.firmId);
          // The claim saw the firm connected; a schedule row never disappears (the read model only upserts).
          if (s === undefined) continue;
          if (!(await completeRun(o.db, run, await act(run, s, report)))) report.fenced += 1;
        }
      }
      return report;
    },
  };
};

export interface SchedulerLoop {
  stop(): Promise<void>;
}

/** Runs `scheduler.tick()` every `intervalMs` (one tick at a time; a failed tick is logged and retried next time). */
export const startSchedulerLoop = (scheduler: Scheduler, intervalMs: number, log: Logger): SchedulerLoop => {
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const tick = (): void => {
    running = scheduler
      .tick()
      .then(
        (r) => {
          if (r.fired.length > 0) log.info({ fired: r.fired }, 'scheduled syncs requested');
        },
        (e: unknown) => log.error({ err: e instanceof Error ? e.name : 'unknown' }, 'scheduler tick failed'),
      )
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs).unref();
      });
  };
  if (intervalMs > 0) timer = setTimeout(tick, 0).unref();
  return {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
};
