import { LogPosition } from '@sf/event-store';
import { EMPTY_JOB, type EntityProgress, type JobState } from './job-state';
import { planPhases, planSteps, type PlanStep } from './phase-plan';
import { prioritisedNow, reorderSteps, yieldsTo } from './priority';

const done: EntityProgress = {
  mode: 'full',
  fetched: 10,
  total: 10,
  cursor: null,
  complete: true,
  listingStart: LogPosition.start,
  swept: false,
  forbidden: false,
  restartAfterId: null,
  restarts: 0,
};
const state = (over: Partial<JobState>): JobState => ({ ...EMPTY_JOB, ...over });
const show = (steps: PlanStep[]): string[] =>
  steps.map((s) => (s.kind === 'list' ? `${s.entityType}${s.window ? `:${s.window}` : ''}` : `[${s.phase}]`));

describe('prioritising an entity type in a running job', () => {
  const types = ['matters', 'contacts', 'tasks', 'documents', 'activities'] as const;

  it('lists the latest prioritised type whose listing is not done; none when there is none', () => {
    expect(prioritisedNow(state({}), types)).toBeNull();
    expect(prioritisedNow(state({ prioritised: ['documents', 'tasks'] }), types)).toBe('documents');
    expect(prioritisedNow(state({ prioritised: ['documents', 'tasks'], progress: { documents: done } }), types)).toBe(
      'tasks',
    );
    // A type the job does not list is ignored.
    expect(prioritisedNow(state({ prioritised: ['users'] }), types)).toBeNull();
  });

  it('makes another listing yield at its page boundary, never the prioritised one itself', () => {
    const s = state({ prioritised: ['documents'] });
    expect(yieldsTo(s, types, 'contacts')).toBe('documents');
    expect(yieldsTo(s, types, 'documents')).toBeNull();
    expect(
      yieldsTo(state({ prioritised: ['documents'], progress: { documents: done } }), types, 'contacts'),
    ).toBeNull();
  });

  it("moves a prioritised type's listings (window first) to the front and leaves every phase after its listings", () => {
    const steps = planSteps(types, planPhases(types), '2025-01-01T00:00:00.000Z');
    expect(show(steps)).toEqual([
      'matters',
      'contacts',
      '[core]',
      'tasks',
      '[supporting]',
      'documents:recent',
      'activities:recent',
      '[historical]',
      'documents',
      'activities',
      '[historical]',
    ]);
    expect(show(reorderSteps(steps.slice(1), ['documents']))).toEqual([
      'documents:recent',
      'documents',
      'contacts',
      '[core]',
      'tasks',
      '[supporting]',
      'activities:recent',
      '[historical]',
      'activities',
      '[historical]',
    ]);
    expect(show(reorderSteps(steps.slice(1), ['tasks', 'activities']))).toEqual([
      'tasks',
      'activities:recent',
      'activities',
      'contacts',
      '[core]',
      '[supporting]',
      'documents:recent',
      '[historical]',
      'documents',
      '[historical]',
    ]);
  });
});
