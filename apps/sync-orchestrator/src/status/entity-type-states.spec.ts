import type { MirrorCount } from '@sf/clio-mirror';
import { entityTypeStates } from './entity-type-states';

const count = (entityType: MirrorCount['entityType'], live = 0, deleted = 0): MirrorCount => ({
  entityType,
  live,
  deleted,
  lastSyncedAt: live + deleted > 0 ? '2026-12-01T00:00:00.000Z' : null,
});

describe('entityTypeStates', () => {
  const counts = [count('users', 3), count('matters', 10, 1), count('contacts'), count('documents')];

  it('before any sync: what the mirror holds is synced, the rest not synced', () => {
    expect(entityTypeStates(counts, null, false, false).map((s) => [s.entityType, s.state])).toEqual([
      ['users', 'synced'],
      ['matters', 'synced'],
      ['contacts', 'not_synced'],
      ['documents', 'not_synced'],
    ]);
  });

  it("during a job: its unfinished types are syncing, finished and forbidden ones say so, with the job's progress", () => {
    const job = {
      entityTypes: ['users', 'matters', 'contacts', 'documents'],
      progress: {
        users: { fetched: 3, total: 3 },
        matters: { fetched: 5, total: 11 },
        contacts: { fetched: 0, total: null, forbidden: 'Your Clio account may not see contacts' },
      },
    };
    const states = entityTypeStates(counts, job, true, false);
    expect(states.map((s) => [s.entityType, s.state])).toEqual([
      ['users', 'synced'],
      ['matters', 'syncing'],
      ['contacts', 'forbidden'],
      ['documents', 'syncing'],
    ]);
    expect(states[1]).toMatchObject({ mirrored: 10, deleted: 1, fetched: 5, total: 11, forbidden: null });
    expect(states[2]?.forbidden).toBe('Your Clio account may not see contacts');
  });

  it('after a completed firm sync every type is synced, even an empty one', () => {
    expect(entityTypeStates(counts, null, false, true).every((s) => s.state === 'synced')).toBe(true);
  });
});
