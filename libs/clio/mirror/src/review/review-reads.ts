import type { Selectable } from 'kysely';
import { tablesOf, type Executor } from '@sf/db';
import type { ClioHeldSweepsTable } from '../schema/clio-mirror-review.tables';
import type { ClioMirrorTables } from '../schema/clio-mirror.tables';

/** A record a sync left out of the mirror (validation failure). */
export interface FlaggedRecordView {
  eventId: string;
  seq: number;
  jobId: string;
  entityType: string;
  recordId: string | null;
  reason: string;
  flaggedAt: string;
}

export type HeldSweepStatus = 'held' | 'approved' | 'rejected';

/** A sweep the circuit breaker held, and its decision. */
export interface HeldSweepView {
  sweepEventId: string;
  jobId: string;
  entityType: string;
  matterId: string | null;
  listed: number;
  heldIds: string[];
  heldAt: string;
  status: HeldSweepStatus;
  decidedBy: string | null;
  decidedAt: string | null;
  reason: string | null;
  appliedIds: string[] | null;
}

const own = <DB extends ClioMirrorTables>(db: Executor<DB>): Executor<ClioMirrorTables> =>
  tablesOf<ClioMirrorTables, DB>(db);

/** Newest first; keyset after (flaggedAt ISO, eventId, seq). */
export const listFlaggedRecords = async <DB extends ClioMirrorTables>(
  db: Executor<DB>,
  q: { firmId: string; entityType?: string; jobId?: string; after: [string, string, number] | null; limit: number },
): Promise<FlaggedRecordView[]> => {
  let s = own(db).selectFrom('clio_flagged_records').selectAll().where('firm_id', '=', q.firmId);
  if (q.entityType !== undefined) s = s.where('entity_type', '=', q.entityType);
  if (q.jobId !== undefined) s = s.where('job_id', '=', q.jobId);
  if (q.after) {
    const [at, eventId, seq] = q.after;
    s = s.where((eb) =>
      eb.or([
        eb('flagged_at', '<', new Date(at)),
        eb.and([eb('flagged_at', '=', new Date(at)), eb(eb.refTuple('event_id', 'seq'), '>', eb.tuple(eventId, seq))]),
      ]),
    );
  }
  const rows = await s.orderBy('flagged_at', 'desc').orderBy('event_id').orderBy('seq').limit(q.limit).execute();
  return rows.map((r) => ({
    eventId: r.event_id,
    seq: r.seq,
    jobId: r.job_id,
    entityType: r.entity_type,
    recordId: r.record_id,
    reason: r.reason,
    flaggedAt: r.flagged_at.toISOString(),
  }));
};

const heldView = (r: Selectable<ClioHeldSweepsTable>): HeldSweepView => ({
  sweepEventId: r.sweep_event_id,
  jobId: r.job_id,
  entityType: r.entity_type,
  matterId: r.matter_id,
  listed: r.listed,
  heldIds: r.held_ids,
  heldAt: r.held_at.toISOString(),
  status: r.status as HeldSweepStatus,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at?.toISOString() ?? null,
  reason: r.reason,
  appliedIds: r.applied_ids,
});

/** Newest first; keyset after (heldAt ISO, sweepEventId). */
export const listHeldSweeps = async <DB extends ClioMirrorTables>(
  db: Executor<DB>,
  q: { firmId: string; status?: HeldSweepStatus; after: [string, string] | null; limit: number },
): Promise<HeldSweepView[]> => {
  let s = own(db).selectFrom('clio_held_sweeps').selectAll().where('firm_id', '=', q.firmId);
  if (q.status !== undefined) s = s.where('status', '=', q.status);
  if (q.after) {
    const [at, id] = q.after;
    s = s.where((eb) =>
      eb.or([
        eb('held_at', '<', new Date(at)),
        eb.and([eb('held_at', '=', new Date(at)), eb('sweep_event_id', '>', id)]),
      ]),
    );
  }
  const rows = await s.orderBy('held_at', 'desc').orderBy('sweep_event_id').limit(q.limit).execute();
  return rows.map(heldView);
};

/** One held sweep of the firm (any status); null when the firm has none with that id. */
export const readHeldSweep = async <DB extends ClioMirrorTables>(
  db: Executor<DB>,
  firmId: string,
  sweepEventId: string,
): Promise<HeldSweepView | null> => {
  const r = await own(db)
    .selectFrom('clio_held_sweeps')
    .selectAll()
    .where('firm_id', '=', firmId)
    .where('sweep_event_id', '=', sweepEventId)
    .executeTakeFirst();
  return r ? heldView(r) : null;
};
