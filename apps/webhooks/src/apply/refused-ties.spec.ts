import { CLIO_FIELDS, type MirrorTie } from '@sf/clio-mirror';
import { LogPosition } from '@sf/event-store';
import { FetchCause, planDeliveries, type InboxDelivery } from './delivery-plan';
import { fetchRefusedTies } from './refused-ties';

const at = '2026-12-01T00:00:01+00:00';
const AT = { txId: 7n, position: 70n };
const seed = (id: string) => `${id}@${LogPosition.format(AT)}`;
const delivery = (firmId: string, id: number, event = 'updated'): InboxDelivery => ({
  eventId: `e-${firmId}-${id}-${event}`,
  firmId,
  entityType: 'tasks',
  event,
  // Every mirror field present: a whole payload, written as it is.
  record: {
    ...Object.fromEntries(CLIO_FIELDS.tasks.map((f) => [f.replace(/\{.*$/, ''), null])),
    id,
    etag: `"${id}"`,
    updated_at: at,
  },
  receivedAt: at,
});
const tie = (firmId: string, id: string, entityType = 'tasks'): MirrorTie => ({ firmId, entityType, id, at: AT });

describe('fetchRefusedTies', () => {
  it("fetches a tie's record in its firm's plan, instead of a payload of it; a new plan where none was", () => {
    const plans = planDeliveries([delivery('f1', 1), delivery('f1', 2)]);
    const out = fetchRefusedTies(plans, [tie('f1', '2'), tie('f2', '9', 'matters')]);
    expect(out).toHaveLength(2);
    const [f1, f2] = out;
    expect(f1!.records.map((r) => r.id)).toEqual([1]);
    expect([...f1!.fetches]).toEqual([['2', FetchCause.refusedTie]]);
    expect(f1!.ties).toEqual([seed('2')]);
    expect(f1!.deliveryIds).toEqual(plans[0]!.deliveryIds);
    expect(f2).toMatchObject({ firmId: 'f2', entityType: 'matters', records: [], deliveryIds: [], ties: [seed('9')] });
    expect([...f2!.fetches]).toEqual([['9', FetchCause.refusedTie]]);
  });

  it('does not fetch a record deleted in the pass, keeps an earlier cause, and skips a type the mirror lacks', () => {
    const plans = planDeliveries([delivery('f1', 3, 'deleted'), { ...delivery('f1', 4), record: { id: 4 } }]);
    const [p] = fetchRefusedTies(plans, [tie('f1', '3'), tie('f1', '4'), tie('f1', '5', 'widgets')]);
    expect(p!.deletedIds).toEqual(['3']);
    expect([...p!.fetches]).toEqual([['4', FetchCause.partial]]);
    expect(p!.ties).toEqual([seed('3'), seed('4')]);
  });
});
