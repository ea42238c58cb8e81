import { ManualClock } from '../clock';
import { generateFirm } from '../data/generate-firm';
import { countsFor } from '../data/sizes';
import { SimStore, type StoreChange } from '../store/store';
import { ActivityGenerator } from './activity-generator';
import { resolveActivityOptions } from './activity-options';

const T0 = Date.UTC(2025, 0, 4, 12);
const COUNTS = countsFor('small', {
  users: 3,
  contacts: 30,
  matters: 12,
  calendar_entries: 10,
  tasks: 10,
  documents: 15,
  activities: 20,
  custom_fields_per_parent: 12,
  folders_per_matter: 1,
});

const setup = (seed = 1, opsPerMinute = 60) => {
  const clock = new ManualClock(T0);
  const store = new SimStore(clock);
  generateFirm(store, { seed: 3, counts: COUNTS });
  const changes: StoreChange[] = [];
  store.onChange((c) => changes.push(c));
  return {
    clock,
    store,
    changes,
    gen: new ActivityGenerator(store, clock, resolveActivityOptions({ seed, opsPerMinute })),
  };
};

describe('ActivityGenerator', () => {
  it('step(n) performs n operations through the store, replaying exactly for a seed', () => {
    const a = setup(9);
    const ops = a.gen.step(40);
    expect(ops).toHaveLength(40);
    expect(new Set(ops.map((o) => o.kind))).toEqual(new Set(['create', 'update', 'delete']));
    expect(a.changes.length).toBeGreaterThanOrEqual(40);
    const b = setup(9);
    expect(b.gen.step(40)).toEqual(ops);
    expect(b.store.groundTruth()).toEqual(a.store.groundTruth());
    expect(setup(10).gen.step(40)).not.toEqual(ops);
  });

  it('moves etags and updated_at of the records it updates', () => {
    const { gen, store, clock } = setup(4);
    clock.advance(3_600_000);
    const update = gen.step(30).find((o) => o.kind === 'update' && o.resource !== 'documents');
    if (!update) throw new Error('no update in 30 ops');
    const rec = store.get(update.resource, update.id);
    expect(rec?.rev).toBeGreaterThan(0);
    expect(rec?.updated_at).toBe(clock.now());
  });

  it('honours the mix: zero weights never happen', () => {
    const { store, clock } = setup();
    const gen = new ActivityGenerator(
      store,
      clock,
      resolveActivityOptions({
        mix: {
          matters: { create: 0, update: 0, delete: 0 },
          contacts: { create: 0, update: 0, delete: 0 },
          tasks: { create: 1, update: 0, delete: 0 },
          activities: { create: 0, update: 0, delete: 0 },
          calendar_entries: { create: 0, update: 0, delete: 0 },
          documents: { create: 0, update: 0, delete: 0 },
          notes: { create: 0, update: 0, delete: 0 },
          relationships: { create: 0, update: 0, delete: 0 },
        },
      }),
    );
    const ops = gen.step(10);
    expect(ops.every((o) => o.resource === 'tasks' && o.kind === 'create')).toBe(true);
  });

  it('while running, performs opsPerMinute operations per minute of clock time', () => {
    const { gen, clock } = setup(1, 30);
    gen.start();
    expect(gen.tick()).toBe(0);
    clock.advance(60_000);
    expect(gen.tick()).toBe(30);
    clock.advance(30_000);
    expect(gen.tick()).toBe(15);
    gen.stop();
    clock.advance(60_000);
    expect(gen.tick()).toBe(0);
    expect(gen.status()).toMatchObject({ running: false, total: 45 });
  });
});
