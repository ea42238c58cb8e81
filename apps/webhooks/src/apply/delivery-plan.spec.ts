import { CLIO_FIELDS } from '@sf/clio-mirror';
import { FetchCause, carriesMirrorFields, fetchInstead, planDeliveries, type InboxDelivery } from './delivery-plan';

const whole = (id: number, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  ...Object.fromEntries(CLIO_FIELDS.tasks.map((f) => [f.replace(/\{.*$/, ''), null])),
  id,
  ...extra,
});
let n = 0;
const d = (event: string, record: Record<string, unknown>, over: Partial<InboxDelivery> = {}): InboxDelivery => ({
  eventId: `e${++n}`,
  firmId: 'f1',
  entityType: 'tasks',
  event,
  record,
  receivedAt: '2026-12-01T00:00:00.000Z',
  ...over,
});

describe('planDeliveries', () => {
  it('writes whole records without a call, fetches partial ones by id, batched per firm and type', () => {
    const plans = planDeliveries([
      d('created', whole(1)),
      d('updated', { id: 2, etag: '"x"' }),
      d('updated', { id: 2, etag: '"y"' }),
      d('updated', whole(3), { firmId: 'f2' }),
    ]);
    expect(plans).toHaveLength(2);
    expect(plans[0]).toMatchObject({ firmId: 'f1', fetches: new Map([['2', FetchCause.partial]]), deletedIds: [] });
    expect(plans[0].records.map((r) => r.id)).toEqual([1]);
    expect(plans[0].deliveryIds).toHaveLength(3);
    expect(plans[1]).toMatchObject({ firmId: 'f2', fetches: new Map() });
  });

  it('drops what an id had pending when it is deleted, and keeps a change that follows the deletion', () => {
    const [p] = planDeliveries([d('updated', whole(1)), d('deleted', { id: 1 }), d('deleted', { id: 5 })]);
    expect(p.records).toEqual([]);
    expect(p.deletedIds).toEqual(['1', '5']);
    const [q] = planDeliveries([d('deleted', { id: 5 }), d('updated', whole(5))]);
    expect(q.deletedIds).toEqual([]);
    expect(q.records.map((r) => r.id)).toEqual([5]);
  });

  it('keeps the newest payload of an id and fetches one whose versions share a second', () => {
    const at = (s: number) => `2026-12-01T00:00:0${s}+00:00`;
    const [p] = planDeliveries([
      d('updated', whole(1, { etag: '"b"', updated_at: at(2) })),
      d('updated', whole(1, { etag: '"a"', updated_at: at(1) })), // a late copy of an older version
      d('updated', whole(2, { etag: '"x"', updated_at: at(3) })),
      d('updated', whole(2, { etag: '"y"', updated_at: at(3) })), // same second, another etag: which is newer?
      d('updated', whole(2, { etag: '"z"', updated_at: at(4) })), // still fetched: the fetch reads the newest
      d('updated', whole(3, { etag: '"s"', updated_at: at(3) })),
      d('updated', whole(3, { etag: '"s"', updated_at: at(3) })), // a redelivery
    ]);
    expect(p.records.map((r) => [r.id, r.etag])).toEqual([
      [1, '"b"'],
      [3, '"s"'],
    ]);
    expect([...p.fetches]).toEqual([['2', FetchCause.samePassTie]]);
  });

  it('takes an update in the creation second over the created version, in either order', () => {
    const at = '2026-12-01T00:00:01+00:00';
    const [p] = planDeliveries([
      d('created', whole(1, { etag: '"c"', updated_at: at })),
      d('updated', whole(1, { etag: '"u"', updated_at: at })), // e.g. a new matter linked to its folder
      d('updated', whole(2, { etag: '"u"', updated_at: at })),
      d('created', whole(2, { etag: '"c"', updated_at: at })), // the creation delivered late
    ]);
    expect(p.records.map((r) => [r.id, r.etag])).toEqual([
      [1, '"u"'],
      [2, '"u"'],
    ]);
    expect(p.fetches.size).toBe(0);
    expect(p.createdIds).toEqual([]); // both updates: the later passes may order them against the created version
  });

  it('names the records whose kept payload came from a created delivery', () => {
    const [p] = planDeliveries([d('created', whole(1)), d('updated', whole(2)), d('created', { id: 3 })]);
    expect(p.createdIds).toEqual(['1']);
  });

  it('fetches instead the payload records the mirror holds in another version of the same second', () => {
    const [p] = planDeliveries([d('updated', whole(1)), d('updated', whole(2)), d('updated', { id: 3 })]);
    const q = fetchInstead(p, ['2'], FetchCause.mirrorTie);
    expect(q.records.map((r) => r.id)).toEqual([1]);
    expect([...q.fetches]).toEqual([
      ['3', FetchCause.partial],
      ['2', FetchCause.mirrorTie],
    ]);
    expect(fetchInstead(p, [], FetchCause.mirrorTie)).toBe(p);
  });

  it('leaves out entity types the mirror does not hold', () => {
    expect(planDeliveries([d('created', { id: 1 }, { entityType: 'bills' })])).toEqual([]);
  });

  it('knows a record that lacks one mirror field', () => {
    const r = whole(1);
    expect(carriesMirrorFields('tasks', r)).toBe(true);
    delete r.etag;
    expect(carriesMirrorFields('tasks', r)).toBe(false);
  });
});
