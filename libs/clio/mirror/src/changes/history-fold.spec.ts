import { clioRecordChanged, type ClioRecordChangedV1 } from '@sf/contracts';
import { foldHistory } from './history-reads';

const base = clioRecordChanged.examples[1];
const c = (change: ClioRecordChangedV1['change'], fields: ClioRecordChangedV1['fields']): ClioRecordChangedV1 => ({
  ...base,
  change,
  fields,
});

describe('foldHistory', () => {
  it('rebuilds a record from its creation and the fields each later change set, through a delete and a restore', () => {
    const created = c('created', {
      id: { old: null, new: 1 },
      name: { old: null, new: 'A' },
      note: { old: null, new: 'x' },
    });
    const renamed = c('updated', { name: { old: 'A', new: 'B' } });
    const deleted = c('deleted', {});
    const restored = c('restored', { note: { old: 'x', new: null } });
    expect(foldHistory([])).toBeNull();
    expect(foldHistory([created, renamed])).toMatchObject({ data: { id: 1, name: 'B', note: 'x' }, isDeleted: false });
    expect(foldHistory([created, renamed, deleted])).toMatchObject({ data: { name: 'B' }, isDeleted: true });
    expect(foldHistory([created, renamed, deleted, renamed])?.isDeleted).toBe(true);
    expect(foldHistory([created, deleted, restored])).toMatchObject({
      data: { id: 1, name: 'A', note: null },
      isDeleted: false,
    });
  });
});
