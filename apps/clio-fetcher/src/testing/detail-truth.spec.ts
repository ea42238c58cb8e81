import { ManualClock, SimStore, countsFor, generateFirm } from '@sf/clio-simulator';
import { expectedDetails } from './detail-truth';

// The ground truth the sync tests compare the mirror with must be what Clio's API shows, not the simulator's rows.
describe('expected relationships (ground truth)', () => {
  const setup = () => {
    const store = new SimStore(new ManualClock(Date.UTC(2025, 0, 4, 12)));
    generateFirm(store, { seed: 3, counts: countsFor('small', { contacts: 30, matters: 12 }) });
    const relationship = store.table('relationships').ascending().next().value;
    if (!relationship) throw new Error('the generated firm has no relationship');
    const rowOf = () =>
      expectedDetails(store)
        .find((c) => c.name === 'relationships.fields')
        ?.rows.find((r) => r[0] === relationship.id)
        // Compared as text, as the mirror's columns are.
        ?.map((v) => (v === null ? null : String(v)));
    return { store, relationship, rowOf };
  };

  it('names the matter and contact a relationship links', () => {
    const { relationship: r, rowOf } = setup();
    expect(rowOf()).toEqual([String(r.id), r.description, String(r.matter_id), String(r.contact_id)]);
  });

  it('reads null for a deleted matter or contact, as the API renders it', () => {
    const { store, relationship: r, rowOf } = setup();
    expect(store.delete('matters', r.matter_id)).toMatchObject({ ok: true });
    expect(rowOf()).toEqual([String(r.id), r.description, null, String(r.contact_id)]);
    expect(store.delete('contacts', r.contact_id)).toMatchObject({ ok: true });
    expect(rowOf()).toEqual([String(r.id), r.description, null, null]);
  });
});
