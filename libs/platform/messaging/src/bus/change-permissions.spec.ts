import { busPermissions } from './bus-permissions';
import { subscriberUser } from './bus-user';

describe('record-change permissions', () => {
  it('a subscriber of some firms may create and read only its own change durables, one per firm, filtered to the firm', () => {
    const user = subscriberUser({
      name: 'billing',
      password: 'p',
      consumer: 'billing',
      scope: { firms: ['f1'] },
      changes: true,
    });
    const p = busPermissions(user);
    expect(p.publish).toEqual(
      expect.arrayContaining([
        '$JS.API.CONSUMER.CREATE.SF_CHANGES.billing-changes-f1.sf.changes.f1.*',
        '$JS.API.CONSUMER.INFO.SF_CHANGES.billing-changes-f1',
        '$JS.API.CONSUMER.MSG.NEXT.SF_CHANGES.billing-changes-f1',
        '$JS.ACK.SF_CHANGES.billing-changes-f1.>',
      ]),
    );
    expect(p.publish.filter((s) => s.startsWith('sf.changes'))).toEqual([]);
    expect(p.publish.some((s) => s.includes('SF_CHANGES.billing-changes-f1.sf.changes.>'))).toBe(false);
  });

  it('the relay publishes the change subjects and provisions the changes stream beside a named events stream', () => {
    const p = busPermissions(
      { name: 'relay', password: 'p', publishesEvents: true, provisionsStreams: true },
      { namespace: 't1', eventsStream: 'T1_EVENTS', deadLetterStream: 'T1_DLQ' },
    );
    expect(p.publish).toEqual(
      expect.arrayContaining(['t1.events.>', 't1.changes.>', '$JS.API.STREAM.CREATE.T1_EVENTS_CHANGES']),
    );
  });
});
