import { streamIds, type RecordedEvent } from '@sf/contracts';
import { jobOfTrace, LogPosition, readStream } from '@sf/event-store';
import type { SfContext, Exit } from './context';
import { tellStory, type StoryEvent } from './story';
import { ExitCode } from './usage';

/**
 * Page events are read as `{}`: the story counts pages and records from `SyncProgressed` and never reads them, and
 * Postgres then never reads the stored pages (a large firm's job holds ~175 MB of them, see `npm run bench:story`).
 */
const SLIM = { ClioRecordsFetched: [], SyncRecordsFlagged: ['jobId', 'entityType', 'records'] };
const SCOPE_TYPES = ['SyncRequested', 'SyncJobCompleted', 'SyncJobFailed', 'SyncJobCancelled'];

const jobIdOf = (e: RecordedEvent): unknown =>
  typeof e.data === 'object' && e.data !== null && 'jobId' in e.data ? e.data.jobId : undefined;

/** A trace id (32 hex digits) names the job its request opened; otherwise the argument is the job id. */
const resolveJob = async (c: SfContext, id: string): Promise<{ jobId: string; viaTrace: boolean } | null> => {
  if (!/^[0-9a-f]{32}$/.test(id)) return { jobId: id, viaTrace: false };
  const job = await jobOfTrace(c.db, id);
  return job === null ? null : { jobId: job.jobId, viaTrace: true };
};

const byLog = (a: RecordedEvent, b: RecordedEvent): number => LogPosition.compare(LogPosition.of(a), LogPosition.of(b));

/** `sf job story <jobId|traceId>`: the job's events (scope and job streams) in log order, told line by line. */
export const jobStory = async (c: SfContext, id: string): Promise<Exit> => {
  const started = performance.now();
  const resolved = await resolveJob(c, id);
  if (!resolved) {
    c.err(`no job stream holds events of trace ${id}`);
    return ExitCode.notFound;
  }
  const { jobId } = resolved;
  const [sync, processing, row, queue] = await Promise.all([
    readStream(c.db, streamIds.syncJob(jobId), { dataKeys: SLIM }),
    readStream(c.db, streamIds.processingJob(jobId), {}),
    c.db.selectFrom('sync_jobs').selectAll().where('job_id', '=', jobId).executeTakeFirst(),
    c.db
      .selectFrom('work_queue')
      .select(['queue', 'status', 'owner', 'generation', 'attempts', 'lease_until', 'last_error'])
      .where('job_id', '=', jobId)
      .execute(),
  ]);
  const own = sync.length > 0 ? sync : processing;
  const firmId = row?.firm_id ?? own[0]?.metadata.firmId;
  const scopeKind = row?.scope_kind ?? 'firm';
  const scopeEvents =
    firmId === undefined
      ? []
      : (
          await readStream(
            c.db,
            streamIds.syncScope(firmId, { kind: scopeKind, ...(row?.matter_id ? { matterId: row.matter_id } : {}) }),
            { types: SCOPE_TYPES },
          )
        ).filter((e) => jobIdOf(e) === jobId);
  const events = [...scopeEvents, ...own].sort(byLog);
  if (events.length === 0 && !row) {
    c.err(`no job ${jobId}`);
    return ExitCode.notFound;
  }
  const story = tellStory(
    events.map((e): StoryEvent => ({
      type: e.type,
      data: e.data,
      occurredAt: e.metadata.occurredAt,
      position: LogPosition.format(LogPosition.of(e)),
    })),
  );
  const readModel = row
    ? {
        state: row.state,
        trigger: row.trigger,
        progress: row.progress,
        stalled: row.stalled,
        updatedAt: row.updated_at,
      }
    : null;
  if (c.json) {
    c.out(JSON.stringify({ jobId, firmId: firmId ?? null, ...story, readModel, workQueue: queue }));
    return ExitCode.ok;
  }
  c.out(`job ${jobId} (firm ${firmId ?? '?'})${resolved.viaTrace ? ` found by trace ${id}` : ''}`);
  for (const l of story.lines) c.out(`${l.at}  ${l.text}`);
  const s = story.summary;
  const pages = Object.values(s.pages).reduce((a, b) => a + b, 0);
  c.out(
    `final state: ${s.state}; ${pages} pages, ${Object.values(s.records).reduce((a, b) => a + b, 0)} records, ` +
      `${s.apiCalls} API calls, ${s.deleted} deleted, ${s.blocks} blocks, ${s.stalls} stalls, ${s.takeovers} takeovers, ${s.errors.length} errors`,
  );
  if (readModel) c.out(`read model sync_jobs: ${readModel.state} (stalled: ${readModel.stalled})`);
  for (const q of queue)
    c.out(`work queue ${q.queue}: ${q.status}, claimed ${q.generation} time(s), held by ${q.owner ?? 'nobody'}`);
  // On stderr: how long reading and telling took (the issue asks under 2 s for a large firm's job).
  c.err(`told from ${events.length} events in ${Math.round(performance.now() - started)} ms`);
  return ExitCode.ok;
};
