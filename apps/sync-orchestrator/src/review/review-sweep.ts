import { randomUUID } from 'node:crypto';
import { readHeldSweep, type HeldSweepView } from '@sf/clio-mirror';
import { decideSweepReview, ReviewRefusal } from '@sf/sync-jobs';
import { ConcurrentWrite, applyPlannedAppends } from '../sync/planned-appends';
import type { SyncDeps } from '../sync/sync-deps';

export type ReviewSweepInput = { firmId: string; sweepEventId: string; by: string } & (
  { decision: 'approve' } | { decision: 'reject'; reason: string }
);

export type ReviewSweepResult =
  /** The decision is in the log; the mirror applies it when it projects the event (`status` then changes). */
  { ok: true; sweep: HeldSweepView; decision: 'approved' | 'rejected' } | { ok: false; reason: ReviewRefusal };

/**
 * Approves or rejects a held sweep of the firm: reads it from the mirror's review table, decides (pure), appends the
 * decision to the sweep's review stream at `no_stream` in one transaction. A concurrent decision on the same sweep
 * makes the append conflict: that caller is told the sweep is already decided.
 */
export const reviewSweep = async (deps: SyncDeps, input: ReviewSweepInput): Promise<ReviewSweepResult> => {
  const held = await readHeldSweep(deps.db, input.firmId, input.sweepEventId);
  if (held === null) return { ok: false, reason: ReviewRefusal.NotFound };
  const meta = { firmId: input.firmId, correlationId: randomUUID(), causationId: null, eventIds: [deps.newId()] };
  const cmd =
    input.decision === 'approve'
      ? { ...meta, by: input.by, decision: 'approve' as const }
      : { ...meta, by: input.by, decision: 'reject' as const, reason: input.reason };
  const out = decideSweepReview(held, cmd, deps.now());
  if (!out.ok) return out;
  try {
    await deps.db.transaction().execute((trx) => applyPlannedAppends(trx, [out.append]));
  } catch (e) {
    if (e instanceof ConcurrentWrite) return { ok: false, reason: ReviewRefusal.AlreadyDecided };
    throw e;
  }
  return { ok: true, sweep: held, decision: input.decision === 'approve' ? 'approved' : 'rejected' };
};
