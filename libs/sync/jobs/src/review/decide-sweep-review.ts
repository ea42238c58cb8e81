import { EventTypes, StreamTypes, streamIds } from '@sf/contracts';
import { makeEvent, type CommandMeta } from '../command-meta';
import type { PlannedAppend } from '../planned-append';

/** What the decision needs of a held sweep (the mirror's `clio_held_sweeps` row). */
export interface HeldSweepFacts {
  readonly sweepEventId: string;
  readonly jobId: string;
  readonly entityType: string;
  readonly heldIds: readonly string[];
  readonly status: 'held' | 'approved' | 'rejected';
}

/** Approve or reject one held sweep. Uses `eventIds[0]`. */
export type ReviewSweep = CommandMeta & { readonly by: string } & (
    { readonly decision: 'approve' } | { readonly decision: 'reject'; readonly reason: string }
  );

export const ReviewRefusal = {
  /** The firm has no held sweep with that id. */
  NotFound: 'not_found',
  /** Approved or rejected already. */
  AlreadyDecided: 'already_decided',
} as const;
export type ReviewRefusal = (typeof ReviewRefusal)[keyof typeof ReviewRefusal];

export type ReviewOutcome =
  { readonly ok: true; readonly append: PlannedAppend } | { readonly ok: false; readonly reason: ReviewRefusal };

/**
 * The decision on a held sweep: one event on the sweep's own review stream, appended at `no_stream`, so a sweep is
 * decided at most once even when two reviewers press at the same moment (the second append conflicts). Approval
 * carries exactly the held ids; the mirror soft-deletes those not written since the hold. Pure.
 */
export const decideSweepReview = (held: HeldSweepFacts | null, cmd: ReviewSweep, now: Date): ReviewOutcome => {
  if (held === null) return { ok: false, reason: ReviewRefusal.NotFound };
  if (held.status !== 'held') return { ok: false, reason: ReviewRefusal.AlreadyDecided };
  const base = { sweepEventId: held.sweepEventId, jobId: held.jobId, entityType: held.entityType };
  const event =
    cmd.decision === 'approve'
      ? makeEvent(
          cmd,
          0,
          EventTypes.HeldSweepApproved,
          { ...base, softDeletedIds: [...held.heldIds], approvedBy: cmd.by },
          now,
        )
      : makeEvent(cmd, 0, EventTypes.HeldSweepRejected, { ...base, reason: cmd.reason, rejectedBy: cmd.by }, now);
  return {
    ok: true,
    append: {
      streamId: streamIds.sweepReview(held.sweepEventId),
      streamType: StreamTypes.sweepReview,
      expected: 'no_stream',
      events: [event],
    },
  };
};
