import type { NewEvent } from '@sf/contracts';
import type { ClioEntityType } from '@sf/clio-mirror';
import type { LogPosition } from '@sf/event-store';
import { clioMirrorPartitionOf } from '@sf/clio-mirror';
import { isCaughtUp } from '@sf/projections';
import type { JobContext } from './job-context';
import { onRefusal, type Step } from './job-outcomes';
import { foldOnto, type JobState } from '../domain/job-state';
import { verifyEntity } from './mark-and-sweep';
import { appendFenced } from './job-writer';

/** A listed entity type whose deletion check waits until the mirror holds its pages (up to `until`). */
export interface DeferredCheck {
  entityType: ClioEntityType;
  until: LogPosition | null;
}

/** How far to run the checks: `ready` only those whose pages the mirror already holds (never waits), or `all`. */
export type CheckRun = 'ready' | 'all';

export type ChecksDone = {
  kind: 'done';
  state: JobState;
  /** Checks still waiting for the mirror (`ready` only), in listing order. */
  left: DeferredCheck[];
  /** With `holdLast`: the last check's events, for the completion transaction; else empty. */
  held: NewEvent[];
};

/** Whether the mirror (the partition holding this firm's rows) has reached the check's position: one query. */
const ready = async (ctx: JobContext, c: DeferredCheck): Promise<boolean> =>
  c.until === null ||
  isCaughtUp(ctx.db, clioMirrorPartitionOf(ctx.work.firmId, ctx.config.sweep.mirrorPartitions), c.until);

/**
 * Runs deferred deletion checks in listing order. The mirror projection trails the listing (it writes every record
 * and its detail rows), so waiting for it after each listing left the rate budget idle; a check deferred while the
 * next type is listed compares exactly the same rows, since only its own type's pages write its table and the
 * candidates are the rows no event since its listing began has written. `all` waits for the mirror (a phase ends,
 * the job ends); `ready` stops at the first check whose pages the mirror does not hold yet. With `holdLast` the last
 * check's events are returned instead of appended (they go into the job's completion transaction).
 */
export const runChecks = async (
  ctx: JobContext,
  state: JobState,
  checks: readonly DeferredCheck[],
  run: CheckRun,
  holdLast = false,
): Promise<ChecksDone | Extract<Step, { kind: 'end' }>> => {
  let s = state;
  for (const [i, c] of checks.entries()) {
    if (run === 'ready' && !(await ready(ctx, c))) return { kind: 'done', state: s, left: checks.slice(i), held: [] };
    const last = holdLast && i === checks.length - 1;
    for (;;) {
      const v = await verifyEntity(ctx, s, c.entityType, c.until);
      if (v.kind === 'end') return v;
      if (v.kind === 'ok') {
        s = v.state;
        continue;
      }
      if (last) return { kind: 'done', state: s, left: [], held: v.events };
      if (v.events.length === 0) break;
      const r = await appendFenced(ctx, s.version, v.events);
      if (r.ok) {
        s = foldOnto(s, r.events);
        break;
      }
      const next = await onRefusal(ctx, r.reason);
      if (next.kind === 'end') return next;
      s = next.state;
    }
  }
  return { kind: 'done', state: s, left: [], held: [] };
};
