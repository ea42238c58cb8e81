import type { ClioEntityType } from '@sf/clio-mirror';
import type { JobState } from './job-state';
import type { PlanStep } from './phase-plan';

const listed = (s: JobState, e: ClioEntityType): boolean =>
  s.progress[e]?.complete === true || s.progress[e]?.forbidden === true;

/**
 * The entity type a user wants listed now: the latest prioritised one of the job's `types` whose complete listing is
 * not done, or null. Pure.
 */
export const prioritisedNow = (s: JobState, types: readonly ClioEntityType[]): ClioEntityType | null =>
  s.prioritised.find((e) => types.includes(e) && !listed(s, e)) ?? null;

/** Whether the listing of `e` should stop at this page boundary so that a prioritised entity type goes first. */
export const yieldsTo = (s: JobState, types: readonly ClioEntityType[], e: ClioEntityType): ClioEntityType | null => {
  const first = prioritisedNow(s, types);
  return first === null || first === e ? null : first;
};

/**
 * The steps still to run, with the listing steps (recent window and complete listing) of prioritised entity types
 * moved to the front, the latest request first. Phase steps keep their place after the steps they follow, so a
 * phase is still recorded only once all its listings are done: prioritising moves work forward, never a phase. Pure.
 */
export const reorderSteps = (rest: readonly PlanStep[], prioritised: readonly ClioEntityType[]): PlanStep[] => {
  const rank = (step: PlanStep): number => (step.kind === 'list' ? prioritised.indexOf(step.entityType) : -1);
  // Array.prototype.sort is stable: a type's recent window stays ahead of its complete listing.
  const moved = rest.filter((step) => rank(step) >= 0).sort((a, b) => rank(a) - rank(b));
  return [...moved, ...rest.filter((step) => rank(step) < 0)];
};
