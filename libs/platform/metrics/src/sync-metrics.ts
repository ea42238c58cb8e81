import { defineCounter, defineHistogram } from './define';
import { defineScrapedGauge } from './scraped-gauge';

/** Sync jobs by state and trigger, read from the `sync_jobs` read model at scrape (orchestrator). */
export const syncJobs = defineScrapedGauge('sf_sync_jobs', 'Sync jobs by state and trigger', ['state', 'trigger']);

/** Running jobs flagged stalled by the stall detector and not progressing since (orchestrator). */
export const syncJobsStalled = defineScrapedGauge('sf_sync_jobs_stalled', 'Running sync jobs currently stalled');

/** Seconds since each running job last progressed (bounded by the running jobs; orchestrator). */
export const syncJobProgressAge = defineScrapedGauge(
  'sf_sync_job_progress_age_seconds',
  'Seconds since a running sync job last made progress',
  ['firm_id', 'job_id'],
);

export const syncStalls = defineCounter('sf_sync_stalls_total', 'Running sync jobs found stalled and restarted');

/** A request the policy did not start (skip or block), by reason: never silence. */
export const syncRequestsRefused = defineCounter(
  'sf_sync_requests_refused_total',
  'Sync requests the policy skipped or blocked, by action, reason and trigger',
  ['action', 'reason', 'trigger'],
);

export const syncRecords = defineCounter(
  'sf_sync_records_total',
  'Records fetched from Clio and appended for the mirror, by entity type',
  ['entity_type'],
);

export const syncPagesAppended = defineCounter(
  'sf_sync_pages_appended_total',
  'Clio pages appended to job streams, by entity type',
  ['entity_type'],
);

export const syncBlockedSeconds = defineCounter(
  'sf_sync_blocked_seconds_total',
  'Time sync jobs were blocked on the rate limit, in seconds (counted as planned when each block starts)',
);

/** Firms whose Clio connection needs the user to reconnect (1 each), from `firm_connections` (orchestrator). */
export const connectionNeedsReauth = defineScrapedGauge(
  'sf_connection_needs_reauth',
  'Firms whose Clio connection needs re-authorisation (1 per firm)',
  ['firm_id'],
);

/**
 * At completion, how far the ETA the job had at 50% of its records was off (orchestrator): |actual − predicted|,
 * `direction` late (it took longer than said) or early.
 */
export const syncEtaErrorSeconds = defineHistogram(
  'sf_sync_eta_error_seconds',
  'How far the ETA at 50% was off once the sync job completed, in seconds, by direction (late or early)',
  ['direction'],
  [5, 15, 30, 60, 120, 300, 900, 1800, 3600, 7200],
);
