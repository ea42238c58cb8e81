import { decideChange, type RecordState } from './record-change';

const state = (data: Record<string, unknown>, over: Partial<RecordState> = {}): RecordState => ({
  etag: 'e1',
  updatedAt: '2026-01-01T00:00:00.000Z',
  deletedAt: null,
  isSoftDeleted: false,
  data,
  ...over,
});

describe('decideChange', () => {
  it('a first observation is a creation with every field new', () => {
    expect(decideChange(null, state({ id: 1, name: 'A' }))).toEqual({
      kind: 'created',
      fields: { id: { old: null, new: 1 }, name: { old: null, new: 'A' } },
    });
  });

  it('the same data again is no change, whatever the etag or key order', () => {
    const before = state({ id: 1, name: 'A', tags: { x: 1, y: [1, 2] } });
    expect(decideChange(before, state({ tags: { y: [1, 2], x: 1 }, name: 'A', id: 1 }, { etag: 'e2' }))).toBeNull();
  });

  it('lists only the fields that changed, old and new, an absent field reading as null', () => {
    expect(decideChange(state({ id: 1, name: 'A', note: 'n' }), state({ id: 1, name: 'B' }))).toEqual({
      kind: 'updated',
      fields: { name: { old: 'A', new: 'B' }, note: { old: 'n', new: null } },
    });
  });

  it('deletion and restoration win over field changes and keep the fields that changed with them', () => {
    const live = state({ id: 1, deleted_at: null });
    const trashed = state({ id: 1, deleted_at: '2026-01-05T00:00:00Z' }, { isSoftDeleted: true });
    expect(decideChange(live, trashed)).toEqual({
      kind: 'deleted',
      fields: { deleted_at: { old: null, new: '2026-01-05T00:00:00Z' } },
    });
    expect(decideChange(trashed, live)?.kind).toBe('restored');
    expect(decideChange(live, { ...live, isSoftDeleted: true })).toEqual({ kind: 'deleted', fields: {} });
  });
});
