import type { NewEvent } from '@sf/contracts';
import type { ClioEntityType } from '@sf/clio-mirror';
import { RunEnd, type JobContext } from './job-context';
import { jobEvent } from './job-events';
import { planEntityTypes } from '../domain/job-plan';
import { runListing } from './job-listing';
import { onRefusal, type Step } from './job-outcomes';
import { countsOf, foldOnto, type JobState } from '../domain/job-state';
import { planSteps, tailStart } from '../domain/phase-plan';
import { listWindow, phaseEvent, recordPhase } from './phase-steps';
import { startOrResume } from './job-start';
import { verifyEntity } from './mark-and-sweep';
import { appendFenced, closeJob } from './job-writer';

type Done = { kind: 'done'; state: JobState; pending: NewEvent[] };
type Ended = Extract<Step, { kind: 'end' }>;

/**
 * Lists and checks one entity type. Returns the deletion-check events still to append when it is the last type
 * (they go into the completion transaction), else appends them here.
 */
const syncEntity = async (
  ctx: JobContext,
  state: JobState,
  e: ClioEntityType,
  last: boolean,
): Promise<Done | Ended> => {
  let s = state;
  for (;;) {
    const listed = await runListing(ctx, s, e);
    if (listed.kind === 'end') return listed;
    s = listed.state;
    const v = await verifyEntity(ctx, s, e);
    if (v.kind === 'end') return v;
    if (v.kind === 'ok') {
      s = v.state;
      continue;
    }
    if (last || v.events.length === 0) return { kind: 'done', state: s, pending: last ? v.events : [] };
    const r = await appendFenced(ctx, s.version, v.events);
    if (r.ok) return { kind: 'done', state: foldOnto(s, r.events), pending: [] };
    const next = await onRefusal(ctx, r.reason);
    if (next.kind === 'end') return next;
    s = next.state;
  }
};

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

/** Runs the job's steps in order; the events of the steps after the last listing are returned for completion. */
const runSteps = async (ctx: JobContext, state: JobState, types: readonly ClioEntityType[]): Promise<Done | Ended> => {
  const steps = planSteps(types, state.phases, state.recentSince);
  const tail = tailStart(steps);
  let s = state;
  let pending: NewEvent[] = [];
  for (const [i, step] of steps.entries()) {
    if (ctx.stopping()) return { kind: 'end', end: RunEnd.interrupted };
    if (step.kind === 'phase' && i > tail) {
      const e = phaseEvent(ctx, s, step);
      if (e !== null) pending = [...pending, e];
      continue;
    }
    const r =
      step.kind === 'phase'
        ? await recordPhase(ctx, s, step)
        : step.window !== null
          ? await listWindow(ctx, s, step)
          : await syncEntity(ctx, s, step.entityType, i === tail);
    if (r.kind === 'end') return r;
    s = r.state;
    if ('pending' in r) pending = r.pending;
  }
  return { kind: 'done', state: s, pending };
};

/**
 * Runs a claimed job from wherever its stream says it is: start or resume, then its steps (every entity type in
 * priority order, listing then deletion check; for a phased job, each phase recorded as done after its last
 * listing), then completion. Completion appends the last job-stream events and `SyncJobCompleted` to the scope
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
