import { parseFields } from './fields-parser';
import { compileFields } from './compile';
import { MatterModel } from './matter.models';
import { SimStore } from '../store/store';
import { ManualClock } from '../clock';

describe('parseFields', () => {
  it('parses names and one level of braces', () => {
    expect(parseFields('id,etag,client{id,name},status')).toEqual({
      ok: true,
      fields: [
        { name: 'id' },
        { name: 'etag' },
        { name: 'client', sub: [{ name: 'id' }, { name: 'name' }] },
        { name: 'status' },
      ],
    });
    expect(parseFields(' id , client{ id }')).toEqual({
      ok: true,
      fields: [{ name: 'id' }, { name: 'client', sub: [{ name: 'id' }] }],
    });
  });

  it.each(['matter{client{id}}', 'client{id', 'id}', 'id,,etag', 'id,', 'client{}', 'client{id}x', 'bad-name'])(
    'rejects %s',
    (raw) => {
      expect(parseFields(raw).ok).toBe(false);
    },
  );
});

describe('compileFields', () => {
  const store = new SimStore(new ManualClock());
  const matter = store.seed('matters', {
    number: 1,
    display_number: '00001-Doe',
    custom_number: null,
    description: 'Doe v. Roe',
    status: 'Open',
    location: null,
    client_reference: null,
    client_id: null,
    billable: true,
    billing_method: 'hourly',
    open_date: '2024-01-02',
    close_date: null,
    pending_date: null,
    practice_area_id: null,
    responsible_attorney_id: null,
    responsible_staff_id: null,
    originating_attorney_id: null,
    group_id: null,
    folder_id: null,
    custom_field_values: [],
  });

  it('defaults to id and etag', () => {
    const c = compileFields(MatterModel, undefined);
    if (!c.ok) throw new Error(c.message);
    expect(c.compiled.render(matter, { store })).toEqual({ id: matter.id, etag: matter.etag });
  });

  it('renders missing nested records as null and nested defaults as id/etag', () => {
    const c = compileFields(MatterModel, 'id,client,currency,status');
    if (!c.ok) throw new Error(c.message);
    const out = c.compiled.render(matter, { store });
    expect(out.client).toBeNull();
    expect(Object.keys(out.currency as object)).toEqual(['id', 'etag']);
    expect(out.status).toBe('Open');
  });

  it.each([
    ['unknown field', 'id,nope'],
    ['braces on a scalar', 'status{id}'],
    ['unknown nested field', 'client{shoe_size}'],
    ['second-level braces', 'client{company{id}}'],
  ])('rejects %s', (_label, fields) => {
    const c = compileFields(MatterModel, fields);
    expect(c.ok).toBe(false);
  });

  it('caches JSON per record until the stamp changes', () => {
    const c = compileFields(MatterModel, 'id,description');
    if (!c.ok) throw new Error(c.message);
    const a = c.compiled.json(matter, { store }, 's1');
    expect(c.compiled.json(matter, { store }, 's1')).toBe(a);
    expect(JSON.parse(c.compiled.json(matter, { store }, 's2'))).toEqual({ id: matter.id, description: 'Doe v. Roe' });
  });
});
