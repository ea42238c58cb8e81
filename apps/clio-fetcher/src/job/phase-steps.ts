import type { NewEvent } from '@sf/contracts';
import type { ClioEntityType } from '@sf/clio-mirror';
import type { JobContext } from './job-context';
import { jobEvent } from './job-events';
import { runListing, modeFor } from './job-listing';
import { ok, onRefusal, type Step } from './job-outcomes';
import { foldOnto, type JobState } from '../domain/job-state';
import { phaseKey, type PlanStep } from '../domain/phase-plan';
import { appendFenced } from './job-writer';

type PhaseStep = Extract<PlanStep, { kind: 'phase' }>;

/** `SyncPhaseCompleted` of a phase step, or null when the job stream already records it (a resumed job). */
export const phaseEvent = (ctx: JobContext, s: JobState, step: PhaseStep): NewEvent | null =>
  s.phasesDone.includes(phaseKey(step.phase, step.window))
    ? null
    : jobEvent(ctx.origin, ctx.now(), 'SyncPhaseCompleted', {
        jobId: ctx.work.jobId,
        phase: step.phase,
        ...(step.window === null ? {} : { window: step.window }),
        entityTypes: step.entityTypes,
        features: step.features,
      });

/**
 * Records a phase as done (its listings and deletion checks are appended before it, so the mirror holds the phase
 * once the projection reaches this event).
 */
export const recordPhase = async (ctx: JobContext, state: JobState, step: PhaseStep): Promise<Step> => {
  let s = state;
  for (;;) {
    const event = phaseEvent(ctx, s, step);
    if (event === null) return ok(s);
    const r = await appendFenced(ctx, s.version, [event]);
    if (r.ok) {
      ctx.log.info({ jobId: ctx.work.jobId, phase: step.phase, window: step.window }, 'phase completed');
      return ok(foldOnto(s, r.events));
    }
    const next = await onRefusal(ctx, r.reason);
    if (next.kind === 'end') return next;
    s = next.state;
  }
};

/**
 * Lists the recent window of an entity type (no deletion check: the complete listing that follows has it). An
 * entity type listed incrementally already holds its history in the mirror, so it has no window to list.
 */
export const listWindow = async (
  ctx: JobContext,
  state: JobState,
  step: PlanStep & { kind: 'list' },
  types: readonly ClioEntityType[] = [],
): Promise<Step> => {
  if (step.window === null) throw new Error('listWindow of a complete listing');
  if ((await modeFor(ctx, state, step.entityType)).mode !== 'full') return ok(state);
  return runListing(ctx, state, step.entityType, step.window, types);
};
