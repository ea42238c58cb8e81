import type { RelationshipRecord } from '../store/records';
import type { SimStore } from '../store/store';

/**
 * Aggregates over other tables (has_tasks, last_activity_date, time_entries_count), memoised per table version so
 * a page render does not rescan. Each one is rebuilt at most once per write to its source table.
 */
const memo = <V>(source: 'tasks' | 'activities' | 'relationships', build: (store: SimStore) => V) => {
  const cache = new WeakMap<SimStore, { version: number; value: V }>();
  return (store: SimStore): V => {
    const version = store.version(source);
    const hit = cache.get(store);
    if (hit && hit.version === version) return hit.value;
    const value = build(store);
    cache.set(store, { version, value });
    return value;
  };
};

export const mattersWithTasks = memo('tasks', (store) => {
  const set = new Set<number>();
  for (const t of store.table('tasks').ascending()) if (t.matter_id !== null) set.add(t.matter_id);
  return set;
});

export const lastActivityDateByMatter = memo('activities', (store) => {
  const map = new Map<number, string>();
  for (const a of store.table('activities').ascending()) {
    if (a.matter_id === null) continue;
    const prev = map.get(a.matter_id);
    if (prev === undefined || a.date > prev) map.set(a.matter_id, a.date);
  }
  return map;
});

const countBy = (key: 'task_id' | 'calendar_entry_id') =>
  memo('activities', (store) => {
    const map = new Map<number, number>();
    for (const a of store.table('activities').ascending()) {
      const id = a[key];
      if (id !== null) map.set(id, (map.get(id) ?? 0) + 1);
    }
    return map;
  });

export const relationshipsByMatter = memo('relationships', (store) => {
  const map = new Map<number, RelationshipRecord[]>();
  for (const r of store.table('relationships').ascending()) map.set(r.matter_id, [...(map.get(r.matter_id) ?? []), r]);
  return map;
});

export const timeEntriesByTask = countBy('task_id');
export const timeEntriesByCalendarEntry = countBy('calendar_entry_id');
