import { ManualClock } from '../clock';
import { SimStore } from '../store/store';
import { CustomFieldType } from '../store/records';
import { compileFields } from '../models/compile';
import { MatterModel } from '../models/matter.models';
import { generateFirm } from './generate-firm';
import { countsFor, SIZE_PRESETS } from './sizes';

const build = (
  seed: number,
  counts = countsFor('small', { contacts: 200, matters: 60, documents: 300, activities: 400 }),
) => {
  const store = new SimStore(new ManualClock());
  generateFirm(store, { seed, counts });
  return store;
};

describe('generateFirm', () => {
  it('is deterministic: same seed and counts give the same firm', () => {
    const a = build(42);
    const b = build(42);
    expect(b.groundTruth()).toEqual(a.groundTruth());
    const c = compileFields(MatterModel, Object.keys(MatterModel.fields).join(','));
    if (!c.ok) throw new Error(c.message);
    for (const id of [1, 17, 60]) {
      expect(c.compiled.render(b.get('matters', id)!, { store: b })).toEqual(
        c.compiled.render(a.get('matters', id)!, { store: a }),
      );
    }
    expect(b.get('contacts', 5)).toEqual(a.get('contacts', 5));
  });

  it('differs for another seed', () => {
    const a = build(1);
    const b = build(2);
    expect(b.get('matters', 1)?.etag).not.toBe(a.get('matters', 1)?.etag);
    expect(
      b.get('contacts', 1)?.name === a.get('contacts', 1)?.name &&
        b.get('contacts', 2)?.name === a.get('contacts', 2)?.name,
    ).toBe(false);
  });

  it('creates the requested counts and realistic shapes', () => {
    const store = build(3);
    const truth = store.groundTruth();
    expect(truth.counts).toMatchObject({
      contacts: 200,
      matters: 60,
      documents: 300,
      activities: 400,
      users: SIZE_PRESETS.small.users,
    });
    expect(truth.counts.document_versions).toBeGreaterThanOrEqual(300);
    const contacts = [...store.table('contacts').ascending()];
    expect(new Set(contacts.map((c) => c.type))).toEqual(new Set(['Person', 'Company']));
    expect(
      contacts.some((c) => c.addresses.length > 0 && c.email_addresses.length > 0 && c.phone_numbers.length > 0),
    ).toBe(true);
    const types = new Set([...store.table('custom_fields').ascending()].map((f) => f.field_type));
    expect(types).toEqual(new Set(Object.values(CustomFieldType)));
    const matters = [...store.table('matters').ascending()];
    expect(matters.every((m) => m.client_id !== null && m.folder_id !== null)).toBe(true);
    expect(matters.some((m) => m.custom_field_values.length > 0)).toBe(true);
    for (const m of matters) expect(store.get('contacts', m.client_id!)?.is_client).toBe(true);
    for (const d of store.table('documents').ascending()) {
      const v = store.get('document_versions', d.latest_version_id);
      expect(v?.document_id).toBe(d.id);
      expect(d.size).toBe(v?.size);
      expect(store.get('folders', d.parent_id)?.matter_id).toBe(d.matter_id);
    }
    const ids = [...store.table('matters').ascending()].map((m) => m.created_at);
    expect(ids).toEqual([...ids].sort((x, y) => x - y)); // ids follow creation order
  });

  it('keeps every timestamp at or before the anchor', () => {
    const store = build(4);
    const anchor = Date.UTC(2025, 0, 1);
    for (const r of ['matters', 'contacts', 'documents', 'tasks', 'activities', 'calendar_entries'] as const) {
      for (const rec of store.table(r).ascending()) {
        expect(rec.updated_at).toBeLessThanOrEqual(anchor);
        expect(rec.updated_at).toBeGreaterThanOrEqual(rec.created_at);
      }
    }
  });
});
