import { healthOfSubscriptions } from '@sf/sync-webhooks';
import type { SfContext } from './context';

const RECENT_JOBS = 10;

/** What `sf firm status` reads: read models and the services' own tables, never a token or a record's content. */
export const readFirmStatus = async (c: Pick<SfContext, 'db'>, firmId: string) => {
  const [connection, jobs, matters, processing, queue, webhooks, webhookStats, schedule, runs, held, flagged] =
    await Promise.all([
      c.db
        .selectFrom('firm_connections')
        .select(['connection_id', 'status', 'region', 'changed_at'])
        .where('firm_id', '=', firmId)
        .executeTakeFirst(),
      c.db
        .selectFrom('sync_jobs')
        .select([
          'job_id',
          'scope_kind',
          'matter_id',
          'trigger',
          'state',
          'requested_at',
          'last_progress_at',
          'stalled',
          'error_code',
        ])
        .where('firm_id', '=', firmId)
        .orderBy('requested_at', 'desc')
        .limit(RECENT_JOBS)
        .execute(),
      c.db
        .selectFrom('matter_sync_state')
        .select(['state', (eb) => eb.fn.countAll<string>().as('n')])
        .where('firm_id', '=', firmId)
        .groupBy('state')
        .execute(),
      c.db
        .selectFrom('job_snapshots')
        .select(['job_id', 'matter_id', 'status', 'total', 'processed', 'skipped', 'failed'])
        .where('firm_id', '=', firmId)
        .where('status', '=', 'running')
        .execute(),
      c.db
        .selectFrom('work_queue')
        .select(['queue', 'job_id', 'status', 'owner', 'generation', 'attempts', 'lease_until'])
        .where('firm_id', '=', firmId)
        .where('status', 'in', ['ready', 'paused'])
        .execute(),
      // The sealed secret stays where it is: only what an operator needs to see.
      c.db
        .selectFrom('webhook_subscriptions')
        .select(['model', 'status', 'expires_at'])
        .where('firm_id', '=', firmId)
        .orderBy('model')
        .execute(),
      c.db
        .selectFrom('webhook_firm_stats')
        .select(['applied', 'last_applied_at', 'last_lag_ms', 'max_lag_ms'])
        .where('firm_id', '=', firmId)
        .executeTakeFirst(),
      c.db
        .selectFrom('sync_schedules')
        .select(['interval_minutes', 'off_peak_only', 'paused', 'connected'])
        .where('firm_id', '=', firmId)
        .executeTakeFirst(),
      c.db
        .selectFrom('sync_schedule_runs')
        .select(['kind', 'due_at', 'last_run_at', 'last_reason'])
        .where('firm_id', '=', firmId)
        .orderBy('kind')
        .execute(),
      c.db
        .selectFrom('clio_held_sweeps')
        .select([
          'sweep_event_id',
          'job_id',
          'entity_type',
          'listed',
          'held_at',
          (eb) => eb.fn('cardinality', ['held_ids']).as('held'),
        ])
        .where('firm_id', '=', firmId)
        .where('status', '=', 'held')
        .orderBy('held_at')
        .execute(),
      c.db
        .selectFrom('clio_flagged_records')
        .select(['entity_type', (eb) => eb.fn.countAll<string>().as('n')])
        .where('firm_id', '=', firmId)
        .groupBy('entity_type')
        .orderBy('entity_type')
        .execute(),
    ]);
  const budget = connection
    ? await c.db
        .selectFrom('clio_rate_budgets')
        .select(['limit', 'remaining', 'reset_at', 'updated_at'])
        .where('connection_id', '=', connection.connection_id)
        .executeTakeFirst()
    : undefined;
  return {
    firmId,
    connection: connection ?? null,
    budget: budget ?? null,
    jobs,
    matterSyncStates: Object.fromEntries(matters.map((m) => [m.state, Number(m.n)])),
    processingJobs: processing,
    workQueue: queue,
    // The metric's verdict (`sf_webhook_health`), on this machine's clock rather than Clio's.
    webhooks: {
      health: healthOfSubscriptions(webhooks, new Date()),
      subscriptions: webhooks,
      stats: webhookStats ?? null,
    },
    schedule: schedule ? { ...schedule, runs } : null,
    heldSweeps: held.map((h) => ({ ...h, held: Number(h.held) })),
    flaggedRecords: Object.fromEntries(flagged.map((f) => [f.entity_type, Number(f.n)])),
  };
};

export type FirmStatus = Awaited<ReturnType<typeof readFirmStatus>>;
export { RECENT_JOBS };
