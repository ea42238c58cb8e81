import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { readLoggedEvent, streamIds } from '@sf/contracts';
import type { Executor } from '@sf/db';
import { readStream } from '@sf/event-store';
import {
  decideDueRun,
  decideScheduleChange,
  DEFAULT_SCHEDULER_CONFIG,
  effectiveIntervalMs,
  foldScheduleSettings,
  ScheduleKind,
  type RequestRejection,
  type ScheduleSettings,
  type SchedulerConfig,
  type WebhookHealth,
} from '@sf/sync-jobs';
import { withConflictRetry } from '../sync/conflict-retry';
import { applyPlannedAppends } from '../sync/planned-appends';
import type { OrchestratorDb } from '../schema/orchestrator-schema';
import { loadSchedules } from './schedule-reads';
import { webhooksOff, type WebhookHealthPort } from './webhook-health';

/** `GET /firms/{id}/sync-schedule`. Times are ISO-8601; a null next time means no run is scheduled. */
export interface ScheduleView extends ScheduleSettings {
  /** Connected (the schedule runs) or not (stopped until the firm connects Clio again). */
  active: boolean;
  webhooks: WebhookHealth;
  /** The interval in force now: the firm's, or shorter while webhooks are not healthy. */
  effectiveIntervalMinutes: number;
  nextScheduledSyncAt: string | null;
  nextReconciliationAt: string | null;
}

export interface ScheduleServiceDeps {
  db: Kysely<OrchestratorDb>;
  now: () => Date;
  newId: () => string;
  maxAttempts: number;
  config?: SchedulerConfig;
  webhookHealth?: WebhookHealthPort;
}

export interface ScheduleService {
  get(firmId: string): Promise<ScheduleView>;
  change(
    firmId: string,
    change: Partial<ScheduleSettings>,
    changedBy: string | null,
  ): Promise<ScheduleView | RequestRejection>;
}

/** The settings of a firm's schedule stream and its version (the stream is the source of truth; it is small). */
export const readScheduleSettings = async (db: Executor<OrchestratorDb>, firmId: string) => {
  const events = await readStream(db, streamIds.syncSchedule(firmId));
  return { settings: foldScheduleSettings(events.map(readLoggedEvent)), version: events.length };
};

export const createScheduleService = (deps: ScheduleServiceDeps): ScheduleService => {
  const config = deps.config ?? DEFAULT_SCHEDULER_CONFIG;
  const health = deps.webhookHealth ?? webhooksOff;

  const nextAt = async (firmId: string, settings: ScheduleSettings, webhooks: WebhookHealth) => {
    const schedule = (await loadSchedules(deps.db, [firmId])).get(firmId);
    if (schedule === undefined || !schedule.connected || settings.paused) return { active: false, next: null };
    const runs = await deps.db.selectFrom('sync_schedule_runs').selectAll().where('firm_id', '=', firmId).execute();
    const now = deps.now().getTime();
    const next = (kind: ScheduleKind): string => {
      const lastRunAt = runs.find((r) => r.kind === kind)?.last_run_at?.getTime() ?? null;
      const run = { kind, settings, region: schedule.region ?? 'us', startedAt: schedule.startedAt, lastRunAt };
      // The run fires at the first instant the decision says "fire": follow the waits (a health re-check is one).
      let t = now;
      for (let i = 0; i < 16; i++) {
        const d = decideDueRun({ ...run, health: webhooks }, t, config);
        if (d.action === 'fire') break;
        t = d.until;
      }
      return new Date(t).toISOString();
    };
    return { active: true, next: { schedule: next(ScheduleKind.schedule), reconcile: next(ScheduleKind.reconcile) } };
  };

  const view = async (firmId: string, settings: ScheduleSettings): Promise<ScheduleView> => {
    const webhooks = await health(firmId);
    const { active, next } = await nextAt(firmId, settings, webhooks);
    return {
      ...settings,
      active,
      webhooks,
      effectiveIntervalMinutes: Math.round(effectiveIntervalMs(settings, webhooks, config) / 60_000),
      nextScheduledSyncAt: next?.schedule ?? null,
      nextReconciliationAt: next?.reconcile ?? null,
    };
  };

  return {
    get: async (firmId) => view(firmId, (await readScheduleSettings(deps.db, firmId)).settings),
    change: async (firmId, change, changedBy) => {
      const eventIds = [deps.newId()];
      const correlationId = randomUUID();
      const outcome = await withConflictRetry(deps.maxAttempts, () =>
        deps.db.transaction().execute(async (trx) => {
          const { settings, version } = await readScheduleSettings(trx, firmId);
          const o = decideScheduleChange(
            { firmId, correlationId, causationId: null, eventIds, change, changedBy },
            settings,
            version,
            deps.now(),
          );
          if (!o.rejected) await applyPlannedAppends(trx, o.appends);
          return o;
        }),
      );
      return outcome.rejected ? outcome : view(firmId, outcome.settings);
    },
  };
};
