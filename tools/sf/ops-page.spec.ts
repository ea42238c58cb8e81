import { renderOpsPage } from './ops-page';

describe('sf ops view: the HTML page', () => {
  it('shows every section, escapes every value, and says when a section is empty', () => {
    const html = renderOpsPage(
      {
        jobsByState: { running: 2, completed: 5 },
        stalled: [
          {
            firmId: 'firm-1',
            jobId: 'job-1',
            trigger: 'first_login',
            state: 'running',
            lastProgressAt: '2026-12-03T10:00:00.000Z',
            note: 'no progress <for> 5 min',
          },
        ],
        blocked: [],
        webhooks: [
          {
            firmId: 'firm-1',
            active: 3,
            nextExpiry: '2026-12-10T00:00:00.000Z',
            applied: 42,
            lastAppliedAt: null,
            lastLagMs: 120,
          },
        ],
        deadLetters: [
          {
            seq: 7,
            consumer: 'mirror',
            reason: 'data.records: expected an array',
            originalSubject: 'sf.events.firm-1.ClioRecordsFetched',
            originalStream: 'SF_EVENTS',
            originalSeq: 99,
            deliveries: 8,
            failedAt: '2026-12-03T09:00:00.000Z',
            eventId: null,
            eventType: 'ClioRecordsFetched',
            firmId: 'firm-1',
          },
        ],
      },
      new Date('2026-12-03T12:00:00.000Z'),
    );
    expect(html).toContain('<td>running</td><td>2</td>');
    expect(html).toContain('no progress &#60;for&#62; 5 min');
    expect(html).not.toContain('<for>');
    expect(html).toContain('No blocked job');
    expect(html).toContain('<td>firm-1</td><td>3</td>');
    expect(html).toContain('data.records: expected an array');
    expect(html).toContain('Read at 2026-12-03T12:00:00.000Z');
  });
});
