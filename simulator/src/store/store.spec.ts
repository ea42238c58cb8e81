import { ManualClock } from '../clock';
import type { StoreChange } from './store';
import { SimStore } from './store';
import type { NewRecord } from './records';

const DAY = 86_400_000;

const task = (name: string): NewRecord<'tasks'> => ({
  name,
  status: 'pending',
  description: null,
  description_text_type: 'plain_text',
  priority: 'Normal',
  due_at: null,
  permission: 'public',
  completed_at: null,
  notify_completion: false,
  statute_of_limitations: false,
  time_estimated: null,
  matter_id: null,
  assignee_id: 1,
  assigner_id: 1,
  task_type_id: null,
});

const folder = (name: string, parent: number | null): NewRecord<'folders'> => ({
  name,
  parent_id: parent,
  matter_id: null,
  contact_id: null,
  root: parent === null,
  locked: false,
  creator_id: null,
  document_category_id: null,
  deleted_at: null,
});

const doc = (name: string, parent: number): NewRecord<'documents'> => ({
  name,
  filename: name,
  content_type: 'text/plain',
  size: 10,
  parent_id: parent,
  matter_id: null,
  contact_id: null,
  document_category_id: null,
  creator_id: null,
  received_at: null,
  locked: false,
  latest_version_id: 0,
  deleted_at: null,
});

describe('SimStore', () => {
  let clock: ManualClock;
  let store: SimStore;
  let changes: StoreChange[];

  beforeEach(() => {
    clock = new ManualClock(Date.UTC(2025, 0, 1, 12, 0, 0, 750));
    store = new SimStore(clock, { trashRetentionMs: 30 * DAY });
    changes = [];
    store.onChange((c) => changes.push(c));
  });

  it('stamps ids, etags and whole-second timestamps on create', () => {
    const a = store.create('tasks', task('a'));
    const b = store.create('tasks', task('b'));
    expect([a.id, b.id]).toEqual([1, 2]);
    expect(a.etag).toMatch(/^"[0-9a-f]{32}"$/);
    expect(a.etag).not.toBe(b.etag);
    expect(a.created_at).toBe(Date.UTC(2025, 0, 1, 12, 0, 0));
    expect(changes.map((c) => [c.kind, c.id])).toEqual([
      ['created', 1],
      ['created', 2],
    ]);
  });

  it('updates with a new etag and reports the changed fields', () => {
    const a = store.create('tasks', task('a'));
    clock.advance(5000);
    const res = store.update('tasks', a.id, { name: 'renamed', priority: 'Normal' });
    if (!res.ok) throw new Error(res.reason);
    expect(res.record.etag).not.toBe(a.etag);
    expect(res.record.updated_at).toBe(a.updated_at + 5000);
    expect(res.changed).toEqual(['name']);
    expect(changes.at(-1)).toMatchObject({ kind: 'updated', id: a.id, changedFields: ['name'] });
  });

  it('refuses a stale If-Match and a missing id', () => {
    const a = store.create('tasks', task('a'));
    store.update('tasks', a.id, { name: 'b' });
    expect(store.update('tasks', a.id, { name: 'c' }, { ifMatch: a.etag })).toEqual({
      ok: false,
      reason: 'precondition_failed',
    });
    expect(store.update('tasks', 99, { name: 'c' })).toEqual({ ok: false, reason: 'not_found' });
    expect(store.get('tasks', a.id)?.name).toBe('b');
  });

  it('hard-deletes ordinary records and publishes the last state', () => {
    const a = store.create('tasks', task('a'));
    expect(store.delete('tasks', a.id)).toMatchObject({ ok: true, trashed: false });
    expect(store.get('tasks', a.id)).toBeUndefined();
    expect(changes.at(-1)).toMatchObject({ kind: 'deleted', id: a.id, record: { name: 'a' } });
    expect(store.delete('tasks', a.id)).toEqual({ ok: false, reason: 'not_found' });
  });

  it('trashes a folder with its subtree and purges after the retention period', () => {
    const root = store.create('folders', folder('root', null));
    const sub = store.create('folders', folder('sub', root.id));
    const inSub = store.create('documents', doc('x.txt', sub.id));
    const other = store.create('documents', doc('y.txt', root.id));
    expect(new Set([root.id, sub.id, inSub.id, other.id]).size).toBe(4); // one id sequence for items

    store.delete('folders', sub.id);
    expect(store.get('folders', sub.id)?.deleted_at).toBe(Date.UTC(2025, 0, 1, 12, 0, 0));
    expect(store.get('documents', inSub.id)?.deleted_at).not.toBeNull();
    expect(store.get('documents', other.id)?.deleted_at).toBeNull();
    expect(
      changes
        .filter((c) => c.kind === 'deleted')
        .map((c) => c.id)
        .sort(),
    ).toEqual([sub.id, inSub.id].sort());
    expect(store.groundTruth().trashed).toEqual({ documents: 1, folders: 1 });

    clock.advance(30 * DAY - 1000);
    expect(store.purgeExpired()).toBe(0);
    clock.advance(1000);
    expect(store.purgeExpired()).toBe(2);
    expect(store.get('folders', sub.id)).toBeUndefined();
    expect(store.get('documents', inSub.id)).toBeUndefined();
    expect(store.groundTruth().counts.documents).toBe(1);
  });

  it('reports ground truth of live records', () => {
    const a = store.create('tasks', task('a'));
    store.create('tasks', task('b'));
    store.delete('tasks', 2);
    const truth = store.groundTruth();
    expect(truth.counts.tasks).toBe(1);
    expect(truth.records.tasks).toEqual([{ id: a.id, etag: a.etag }]);
  });
});
