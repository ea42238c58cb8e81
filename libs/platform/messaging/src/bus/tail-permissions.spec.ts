import { busPermissions } from './bus-permissions';

describe('firm-tail permissions (the live-progress feeds)', () => {
  it("grants the create of a consumer of one firm's events under any name and its flow control, nothing else", () => {
    const base = busPermissions({ name: 'sync-orchestrator', password: 'p' });
    const p = busPermissions({ name: 'sync-orchestrator', password: 'p', tailsFirmEvents: true });
    expect(p.publish.filter((s) => !base.publish.includes(s))).toEqual([
      '$JS.API.CONSUMER.CREATE.SF_EVENTS.*.sf.events.*.>',
      '$JS.FC.SF_EVENTS.*.*',
    ]);
    // Delivered to its own inbox, which every user may already read.
    expect(p.subscribe).toEqual(base.subscribe);
    expect(p.subscribe).toEqual(['_INBOX.sync-orchestrator.>']);
  });

  it('follows the namespace and stream names of the configuration', () => {
    const p = busPermissions(
      { name: 'o', password: 'p', tailsFirmEvents: true },
      { namespace: 't1', eventsStream: 'T1_EVENTS', deadLetterStream: 'T1_DLQ' },
    );
    expect(p.publish).toContain('$JS.API.CONSUMER.CREATE.T1_EVENTS.*.t1.events.*.>');
  });
});
