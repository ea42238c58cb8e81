import type { Exit, SfContext } from './context';
import { ExitCode } from './usage';

const RECENT_JOBS = 10;

/**
 * `sf firm status <firmId>`: the firm's connection (from the read model, never a token), its rate budget, its sync
 * jobs (active and recent), matter sync states by state, running processing jobs and work-queue rows.
 */
export const firmStatus = async (c: SfContext, firmId: string): Promise<Exit> => {
  const [connection, jobs, matters, processing, queue] = await Promise.all([
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
  ]);
  const budget = connection
    ? await c.db
        .selectFrom('clio_rate_budgets')
        .select(['limit', 'remaining', 'reset_at', 'updated_at'])
        .where('connection_id', '=', connection.connection_id)
        .executeTakeFirst()
    : undefined;
  if (!connection && jobs.length === 0 && matters.length === 0) {
    c.err(`no firm ${firmId} (no connection, no sync job)`);
    return ExitCode.notFound;
  }
  const status = {
    firmId,
    connection: connection ?? null,
    budget: budget ?? null,
    jobs,
    matterSyncStates: Object.fromEntries(matters.map((m) => [m.state, Number(m.n)])),
    processingJobs: processing,
    workQueue: queue,
  };
  if (c.json) {
    c.out(JSON.stringify(status));
    return ExitCode.ok;
  }
  c.out(`firm ${firmId}`);
  c.out(
    connection
      ? `  connection: ${connection.status} (${connection.region}) since ${connection.changed_at.toISOString()}`
      : '  connection: none',
  );
  c.out(
    budget
      ? `  budget: ${budget.remaining}/${budget.limit} left until ${budget.reset_at.toISOString()}`
      : '  budget: not seen yet',
  );
  c.out(
    `  matters: ${
      Object.entries(status.matterSyncStates)
        .map(([k, v]) => `${v} ${k}`)
        .join(', ') || 'none'
    }`,
  );
  c.out(`  sync jobs (latest ${RECENT_JOBS}):`);
  for (const j of jobs)
    c.out(
      `    ${j.job_id}  ${j.state.padEnd(9)} ${j.trigger.padEnd(12)} ${j.scope_kind}${j.matter_id ? ` ${j.matter_id}` : ''}  requested ${j.requested_at.toISOString()}${j.stalled ? '  STALLED' : ''}${j.error_code ? `  error ${j.error_code}` : ''}`,
    );
  for (const p of processing)
    c.out(`  processing ${p.job_id}: ${p.processed + p.skipped + p.failed}/${p.total} (${p.failed} failed)`);
  for (const q of queue)
    c.out(`  queue ${q.queue} ${q.job_id}: ${q.status}, claimed ${q.generation}×, held by ${q.owner ?? 'nobody'}`);
  return ExitCode.ok;
};
