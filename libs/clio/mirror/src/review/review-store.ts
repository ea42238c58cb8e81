import type { Transaction } from 'kysely';
import type { LogPosition } from '@sf/event-store';
import { applySweep } from '../mirror-store';
import { MirrorSources } from '../mirror-source';
import type { Flagged, Sweep, SweepDecision } from '../mirror-events';
import type { ClioMirrorTables } from '../schema/clio-mirror.tables';

/** Where and when an event sits in the log: what the review rows keep of it. */
export interface EventPlace {
  firmId: string;
  eventId: string;
  at: string;
  position: LogPosition;
}

/** The records of a `SyncRecordsFlagged`, one row each (a replay inserts nothing). */
export const recordFlagged = async (trx: Transaction<ClioMirrorTables>, p: EventPlace, f: Flagged): Promise<void> => {
  if (f.records.length === 0) return;
  await trx
    .insertInto('clio_flagged_records')
    .values(
      f.records.map((r, seq) => ({
        firm_id: p.firmId,
        event_id: p.eventId,
        seq,
        job_id: f.jobId,
        entity_type: f.entityType,
        record_id: r.id,
        reason: r.reason,
        flagged_at: p.at,
      })),
    )
    .onConflict((oc) => oc.doNothing())
    .execute();
};

/** A sweep the circuit breaker held, waiting for a decision. */
export const recordHeldSweep = async (trx: Transaction<ClioMirrorTables>, p: EventPlace, s: Sweep): Promise<void> => {
  await trx
    .insertInto('clio_held_sweeps')
    .values({
      firm_id: p.firmId,
      sweep_event_id: p.eventId,
      job_id: s.jobId,
      entity_type: s.entityType,
      matter_id: s.matterId,
      listed: s.listed,
      held_ids: [...s.heldIds],
      held_at: p.at,
      held_tx_id: p.position.txId.toString(),
      held_global_position: p.position.position.toString(),
    })
    .onConflict((oc) => oc.doNothing())
    .execute();
};

/**
 * The decision on a held sweep. Approval soft-deletes the held ids (only those: the event's ids are intersected with
 * the hold's) that no event since the hold has written, so a record seen alive again is kept; rejection deletes
 * nothing and keeps the reason. A decision on a sweep that is not held (unknown, or decided) changes nothing.
 */
export const applySweepDecision = async (
  trx: Transaction<ClioMirrorTables>,
  p: EventPlace,
  d: SweepDecision,
): Promise<void> => {
  const held = await trx
    .selectFrom('clio_held_sweeps')
    .selectAll()
    .where('firm_id', '=', p.firmId)
    .where('sweep_event_id', '=', d.sweepEventId)
    .where('status', '=', 'held')
    .executeTakeFirst();
  if (!held) return;
  const decided = { decided_by: d.by, decided_at: p.at };
  let update;
  if (d.kind === 'approved') {
    const heldIds = new Set(held.held_ids);
    const applied = await applySweep(trx, d.entityType, {
      firmId: p.firmId,
      jobId: held.job_id,
      ids: d.ids.filter((id) => heldIds.has(id)),
      at: p.at,
      position: p.position,
      source: MirrorSources.sync,
      writtenBefore: { txId: BigInt(held.held_tx_id), position: BigInt(held.held_global_position) },
    });
    update = { ...decided, status: 'approved', applied_ids: applied.sort() };
  } else {
    update = { ...decided, status: 'rejected', reason: d.reason };
  }
  await trx
    .updateTable('clio_held_sweeps')
    .set(update)
    .where('firm_id', '=', p.firmId)
    .where('sweep_event_id', '=', d.sweepEventId)
    .execute();
};
