import type { NewEvent } from '@sf/contracts';
import type { ClioEntityType } from '@sf/clio-mirror';
import { RunEnd, type JobContext } from './job-context';
import { jobEvent } from './job-events';
import { planEntityTypes } from '../domain/job-plan';
import { runListing } from './job-listing';
import { onRefusal, type Step } from './job-outcomes';
import { countsOf, listingOf, type JobState } from '../domain/job-state';
import { planSteps, type PlanStep } from '../domain/phase-plan';
import { reorderSteps, yieldsTo } from '../domain/priority';
import { listWindow, phaseEvent, recordPhase } from './phase-steps';
import { startOrResume } from './job-start';
import { runChecks, type DeferredCheck } from './deferred-checks';
import { closeJob } from './job-writer';

type Done = { kind: 'done'; state: JobState; pending: NewEvent[] };
type Ended = Extract<Step, { kind: 'end' }>;

/** The job's last job-stream events: the last check's events, or the last entity type's closing page cursor (null). */
const closingEvents = (
  ctx: JobContext,
  s: JobState,
  types: readonly ClioEntityType[],
  pending: NewEvent[],
): NewEvent[] => {
  if (pending.length > 0) return pending;
  const e = types[types.length - 1];
  const p = e === undefined ? undefined : s.progress[e];
  if (e === undefined || p === undefined) return [];
  return [
    jobEvent(ctx.origin, ctx.now(), 'SyncProgressed', {
      jobId: ctx.work.jobId,
      entityType: e,
      fetched: p.fetched,
      total: p.total,
      cursor: null,
      mode: p.mode,
    }),
  ];
};

const listingDone = (s: JobState, step: PlanStep & { kind: 'list' }): boolean =>
  listingOf(s, step.entityType, step.window)?.complete === true || s.progress[step.entityType]?.forbidden === true;

/**
 * Runs the job's steps in order. A listed entity type's deletion check is deferred until the mirror holds its pages
 * (the next listings go on meanwhile); a phase waits for its types' checks before it is recorded, so a completed
 * phase still means "listed and checked". After the last listing every check runs, and the events of the last check
 * and of the steps after it are returned for completion. A prioritised entity type (`SyncEntityTypePrioritised`)
 * moves its listings to the front of the steps left; a listing in progress yields to it at its next page boundary
 * and resumes from its cursor afterwards.
 */
const runSteps = async (ctx: JobContext, state: JobState, types: readonly ClioEntityType[]): Promise<Done | Ended> => {
  let s = state;
  let rest = reorderSteps(planSteps(types, state.phases, state.recentSince), s.prioritised);
  let checks: DeferredCheck[] = [];
  let pending: NewEvent[] = [];
  while (rest.length > 0) {
    const step = rest[0]!;
    rest = rest.slice(1);
    // The last listing (the steps after it close the job) and the phase steps after it.
    const last = !rest.some((r) => r.kind === 'list');
    if (ctx.stopping()) return { kind: 'end', end: RunEnd.interrupted };
    if (step.kind === 'phase' && last) {
      const e = phaseEvent(ctx, s, step);
      if (e !== null) pending = [...pending, e];
      continue;
    }
    if (step.kind === 'phase') {
      const c = await runChecks(ctx, s, checks, 'all');
      if (c.kind === 'end') return c;
      checks = [];
      const r = await recordPhase(ctx, c.state, step);
      if (r.kind === 'end') return r;
      s = r.state;
      continue;
    }
    const r =
      step.window !== null
        ? await listWindow(ctx, s, step, types)
        : await runListing(ctx, s, step.entityType, null, types);
    if (r.kind === 'end') return r;
    s = r.state;
    const first = yieldsTo(s, types, step.entityType);
    if (first !== null && !listingDone(s, step)) {
      ctx.log.info(
        { jobId: ctx.work.jobId, entityType: step.entityType, next: first },
        'listing yields to a prioritised type',
      );
      rest = reorderSteps([step, ...rest], s.prioritised);
      continue;
    }
    if (step.window === null) checks = [...checks, { entityType: step.entityType, until: s.lastPosition }];
    const c = await runChecks(ctx, s, checks, last ? 'all' : 'ready', last);
    if (c.kind === 'end') return c;
    s = c.state;
    checks = c.left;
    if (last) pending = c.held;
  }
  return { kind: 'done', state: s, pending };
};

/**
 * Runs a claimed job from wherever its stream says it is: start or resume, then its steps (every entity type listed
 * in priority order, each deletion check once the mirror holds its listing; for a phased job, each phase recorded as
 * done after its checks), then completion. Completion appends the last job-stream events and `SyncJobCompleted` to the scope
 * stream in ONE transaction.
 */
export const runJob = async (ctx: JobContext): Promise<RunEnd> => {
  const started = await startOrResume(ctx);
  if (started.kind === 'end') return started.end;
  let s = started.state;
  for (let attempt = 0; attempt < 3; attempt++) {
    const types = s.entityTypes ?? planEntityTypes(ctx.scope, ctx.work.entityTypes);
    const run = await runSteps(ctx, s, types);
    if (run.kind === 'end') return run.end;
    s = run.state;
    const pending = run.pending;
    const scope =
      ctx.scope.kind === 'matter'
        ? { kind: 'matter' as const, matterId: ctx.scope.matterId }
        : { kind: 'firm' as const };
    const terminal = jobEvent(ctx.origin, ctx.now(), 'SyncJobCompleted', {
      jobId: ctx.work.jobId,
      scope,
      counts: countsOf(s),
    });
    const closed = await closeJob(ctx, s.version, closingEvents(ctx, s, types, pending), terminal);
    if (closed.ok) {
      ctx.log.info({ jobId: ctx.work.jobId, counts: countsOf(s) }, 'job completed');
      return RunEnd.closed;
    }
    const next = await onRefusal(ctx, closed.reason);
    if (next.kind === 'end') return next.end;
    s = next.state;
  }
  return RunEnd.fenced;
};
