import type { Exit, SfContext } from './context';
import { readFirmStatus, RECENT_JOBS, type FirmStatus } from './firm-status-read';
import { ExitCode } from './usage';

const iso = (d: Date | null | undefined): string => (d ? d.toISOString() : 'never');
const counts = (m: Record<string, number>): string =>
  Object.entries(m)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ') || 'none';

const printWebhooksAndSchedule = (c: SfContext, s: FirmStatus): void => {
  const subs = s.webhooks.subscriptions;
  c.out(
    `  webhooks (${s.webhooks.health}): ${subs.length === 0 ? 'none' : subs.map((w) => `${w.model} ${w.status}${w.expires_at ? ` until ${iso(w.expires_at)}` : ''}`).join(', ')}`,
  );
  const st = s.webhooks.stats;
  if (st)
    c.out(
      `    ${st.applied} deliveries applied, last ${iso(st.last_applied_at)} (lag ${st.last_lag_ms ?? '?'} ms, max ${st.max_lag_ms} ms)`,
    );
  const sch = s.schedule;
  c.out(
    sch
      ? `  schedule: every ${sch.interval_minutes} min${sch.off_peak_only ? ' off-peak' : ''}${sch.paused ? ', PAUSED' : ''}${sch.connected ? '' : ', not connected'}`
      : '  schedule: none',
  );
  for (const r of sch?.runs ?? [])
    c.out(
      `    ${r.kind}: due ${r.due_at ? iso(r.due_at) : 'now'}, last ${iso(r.last_run_at)} (${r.last_reason ?? '-'})`,
    );
};

/**
 * `sf firm status <firmId>`: the firm's connection (from the read model, never a token), its rate budget, webhooks,
 * schedule, sync jobs (active and recent), matter sync states, held sweeps, flagged records, running processing jobs
 * and work-queue rows.
 */
export const firmStatus = async (c: SfContext, firmId: string): Promise<Exit> => {
  const s = await readFirmStatus(c, firmId);
  if (!s.connection && s.jobs.length === 0 && Object.keys(s.matterSyncStates).length === 0) {
    c.err(`no firm ${firmId} (no connection, no sync job)`);
    return ExitCode.notFound;
  }
  if (c.json) {
    c.out(JSON.stringify(s));
    return ExitCode.ok;
  }
  const { connection, budget } = s;
  c.out(`firm ${firmId}`);
  c.out(
    connection
      ? `  connection: ${connection.status} (${connection.region}) since ${iso(connection.changed_at)}`
      : '  connection: none',
  );
  c.out(
    budget
      ? `  budget: ${budget.remaining}/${budget.limit} left until ${iso(budget.reset_at)}`
      : '  budget: not seen yet',
  );
  printWebhooksAndSchedule(c, s);
  c.out(`  matters: ${counts(s.matterSyncStates)}`);
  c.out(`  sync jobs (latest ${RECENT_JOBS}):`);
  for (const j of s.jobs)
    c.out(
      `    ${j.job_id}  ${j.state.padEnd(9)} ${j.trigger.padEnd(12)} ${j.scope_kind}${j.matter_id ? ` ${j.matter_id}` : ''}  requested ${iso(j.requested_at)}${j.stalled ? '  STALLED' : ''}${j.error_code ? `  error ${j.error_code}` : ''}`,
    );
  c.out(`  held sweeps: ${s.heldSweeps.length === 0 ? 'none' : ''}`);
  for (const h of s.heldSweeps)
    c.out(
      `    ${h.sweep_event_id}  ${h.entity_type}: ${h.held} of ${h.listed} held since ${iso(h.held_at)} (job ${h.job_id})`,
    );
  c.out(`  flagged records: ${counts(s.flaggedRecords)}`);
  for (const p of s.processingJobs)
    c.out(`  processing ${p.job_id}: ${p.processed + p.skipped + p.failed}/${p.total} (${p.failed} failed)`);
  for (const q of s.workQueue)
    c.out(`  queue ${q.queue} ${q.job_id}: ${q.status}, claimed ${q.generation}×, held by ${q.owner ?? 'nobody'}`);
  return ExitCode.ok;
};
