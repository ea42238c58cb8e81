import { pendingViewOf, provisionalOf } from './pending-view';
import type { WriteState } from './write-state';

const write = (over: Partial<WriteState>): WriteState => ({
  writeId: 'w-1',
  idempotencyKey: 'k',
  entityType: 'tasks',
  operation: 'update',
  recordId: '7',
  matterId: '1',
  contactId: null,
  createWriteId: null,
  values: {},
  baseEtag: null,
  baseValues: null,
  requestedBy: 'u',
  status: 'pending',
  attempts: 0,
  outcomeUnknown: false,
  reason: null,
  conflict: null,
  confirmed: null,
  requestedAt: '2026-12-04T10:00:00.000Z',
  updatedAt: '2026-12-04T10:00:00.000Z',
  ...over,
});

describe('what a reader sees of pending writes', () => {
  it('is nothing without an open write (applied, failed and discarded ones are not pending)', () => {
    expect(pendingViewOf([])).toBeNull();
    expect(
      pendingViewOf([write({ status: 'applied' }), write({ status: 'failed' }), write({ status: 'discarded' })]),
    ).toBeNull();
  });

  it('lays the open writes over one another in request order', () => {
    const v = pendingViewOf([
      write({ writeId: 'a', values: { name: 'First', priority: 'High' } }),
      write({ writeId: 'b', status: 'applied', values: { name: 'Applied already' } }),
      write({ writeId: 'c', operation: 'complete', values: { status: 'complete' }, status: 'conflicted' }),
      write({ writeId: 'd', values: { name: 'Last' } }),
    ]);
    expect(v).toEqual({
      status: 'conflicted',
      values: { name: 'Last', priority: 'High', status: 'complete' },
      deleting: false,
      writes: [
        { writeId: 'a', operation: 'update', status: 'pending' },
        { writeId: 'c', operation: 'complete', status: 'conflicted' },
        { writeId: 'd', operation: 'update', status: 'pending' },
      ],
    });
  });

  it('flags a record being deleted', () => {
    expect(pendingViewOf([write({ operation: 'delete' })])).toMatchObject({ deleting: true, status: 'pending' });
  });

  it('shows a record created here with the writes queued behind its create', () => {
    const create = write({
      writeId: 'c1',
      operation: 'create',
      recordId: null,
      values: { name: 'New', priority: 'Low' },
    });
    const later = write({ writeId: 'u1', recordId: null, createWriteId: 'c1', values: { priority: 'High' } });
    expect(provisionalOf(create, [later])).toEqual({
      writeId: 'c1',
      entityType: 'tasks',
      matterId: '1',
      contactId: null,
      requestedAt: create.requestedAt,
      pending: {
        status: 'pending',
        values: { name: 'New', priority: 'High' },
        deleting: false,
        writes: [
          { writeId: 'c1', operation: 'create', status: 'pending' },
          { writeId: 'u1', operation: 'update', status: 'pending' },
        ],
      },
    });
    expect(provisionalOf({ ...create, status: 'applied' }, [])).toBeNull();
    expect(provisionalOf(later, [])).toBeNull();
  });
});
