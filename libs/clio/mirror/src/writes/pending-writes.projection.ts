import type { Transaction } from 'kysely';
import { StreamIdPrefixes, readLoggedEvent, type RecordedEvent } from '@sf/contracts';
import { evolveWrite, isWriteEvent, WRITE_EVENT_TYPES, type WriteState } from '@sf/clio-writes';
import type { Projection } from '@sf/projections';
import type { ClioPendingWritesTables } from '../schema/clio-pending-writes.tables';

/**
 * The record a write orders against: the one it changes, or (a create) its own new record. Every write of a record
 * created here orders behind its create (`new:<create write id>`), before and after Clio confirms it, so a change
 * queued while the create was unconfirmed never overtakes a later one, nor the create.
 */
export const recordKeyOf = (
  s: Pick<WriteState, 'entityType' | 'recordId' | 'writeId' | 'operation' | 'createWriteId'>,
): string =>
  s.operation === 'create'
    ? `new:${s.writeId}`
    : s.createWriteId // absent in states folded before the field existed
      ? `new:${s.createWriteId}`
      : `${s.entityType}:${s.recordId ?? ''}`;

interface Folded {
  firmId: string;
  state: WriteState;
  tx: string;
  gp: string;
}

/**
 * Write-backs (`clio_pending_writes`): each write's fold (`evolveWrite`, the one fold of a write stream) with its
 * status, record and request position in columns. The read API lists pending, failed and conflicted writes from it
 * and shows a record's pending values; the writer takes the next write of each record from it, in request order.
 */
const apply = async (trx: Transaction<ClioPendingWritesTables>, events: readonly RecordedEvent[]): Promise<void> => {
  const prefix = StreamIdPrefixes.clioWrite;
  const batch = events.filter((e) => e.streamId.startsWith(prefix) && WRITE_EVENT_TYPES.has(e.type));
  if (batch.length === 0) return;
  const ids = [...new Set(batch.map((e) => e.streamId.slice(prefix.length)))];
  const stored = await trx
    .selectFrom('clio_pending_writes')
    .select(['write_id', 'firm_id', 'state', 'tx_id', 'global_position'])
    .where('write_id', 'in', ids)
    .execute();
  const folded = new Map<string, Folded>(
    stored.map((r) => [r.write_id, { firmId: r.firm_id, state: r.state, tx: r.tx_id, gp: r.global_position }]),
  );
  for (const raw of batch) {
    const e = readLoggedEvent(raw);
    if (!isWriteEvent(e)) continue;
    const id = e.data.writeId;
    const before = folded.get(id);
    const state = evolveWrite(before?.state ?? null, e);
    if (state === null) continue;
    folded.set(
      id,
      before ? { ...before, state } : { firmId: e.metadata.firmId, state, tx: e.transactionId, gp: e.globalPosition },
    );
  }
  const rows = [...folded.values()].map(({ firmId, state, tx, gp }) => ({
    write_id: state.writeId,
    firm_id: firmId,
    entity_type: state.entityType,
    operation: state.operation,
    record_key: recordKeyOf(state),
    record_id: state.recordId,
    matter_id: state.matterId,
    contact_id: state.contactId,
    status: state.status,
    state: JSON.stringify(state),
    requested_at: state.requestedAt,
    updated_at: state.updatedAt,
    tx_id: tx,
    global_position: gp,
  }));
  if (rows.length === 0) return;
  await trx
    .insertInto('clio_pending_writes')
    .values(rows)
    .onConflict((oc) =>
      oc.column('write_id').doUpdateSet((eb) => ({
        record_id: eb.ref('excluded.record_id'),
        status: eb.ref('excluded.status'),
        state: eb.ref('excluded.state'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .execute();
};

export const pendingWritesProjection: Projection<ClioPendingWritesTables> = {
  name: 'clio-pending-writes',
  version: 1,
  tables: ['clio_pending_writes'],
  // Without it, every page of records in the log was read, sent and parsed for this fold (1.3 s of Postgres in a
  // medium sync).
  eventTypes: WRITE_EVENT_TYPES,
  apply,
};
