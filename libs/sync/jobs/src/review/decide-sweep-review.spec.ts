import { decideSweepReview, type HeldSweepFacts, type ReviewSweep } from './decide-sweep-review';

const EVENT_ID = '3f1c2b9e-6a0d-4a4e-9b1e-2f6a7c8d9e01';
const NOW = new Date('2026-12-03T12:00:00Z');
const held: HeldSweepFacts = {
  sweepEventId: 'e-1',
  jobId: 'job-1',
  entityType: 'documents',
  heldIds: ['5', '6', '7'],
  status: 'held',
};
const meta = { firmId: 'firm-1', correlationId: 'c-1', causationId: null, eventIds: [EVENT_ID] };
const approve: ReviewSweep = { ...meta, by: 'user-1', decision: 'approve' };
const reject: ReviewSweep = { ...meta, by: 'user-1', decision: 'reject', reason: 'Archived, not emptied' };

describe('decideSweepReview', () => {
  it("approves with exactly the held ids, on the sweep's own review stream at no_stream", () => {
    const out = decideSweepReview(held, approve, NOW);
    expect(out).toMatchObject({
      ok: true,
      append: { streamId: 'sweep-review-e-1', streamType: 'sweep_review', expected: 'no_stream' },
    });
    if (!out.ok) throw new Error('refused');
    expect(out.append.events).toMatchObject([
      {
        eventId: EVENT_ID,
        type: 'HeldSweepApproved',
        data: {
          sweepEventId: 'e-1',
          jobId: 'job-1',
          entityType: 'documents',
          softDeletedIds: ['5', '6', '7'],
          approvedBy: 'user-1',
        },
        metadata: { firmId: 'firm-1', occurredAt: NOW.toISOString() },
      },
    ]);
  });

  it('rejects with the reason and deletes nothing', () => {
    const out = decideSweepReview(held, reject, NOW);
    if (!out.ok) throw new Error('refused');
    expect(out.append.events).toMatchObject([
      { type: 'HeldSweepRejected', data: { reason: 'Archived, not emptied', rejectedBy: 'user-1' } },
    ]);
  });

  it('refuses an unknown sweep and one already decided', () => {
    expect(decideSweepReview(null, approve, NOW)).toEqual({ ok: false, reason: 'not_found' });
    expect(decideSweepReview({ ...held, status: 'approved' }, reject, NOW)).toEqual({
      ok: false,
      reason: 'already_decided',
    });
  });
});
