import type { Transaction } from 'kysely';
import { ChangeSources, type RecordedEvent } from '@sf/contracts';
import { LogPosition } from '@sf/event-store';
import type { ClioEntityType } from './entity-types';
import type { Observation } from './mirror-events';
import { MirrorSources } from './mirror-source';
import { checkRecord } from './mirror-row';
import { applyObservedDeletion, upsertObservedRows, type ObservedRow } from './observed-store';
import { DETAILS } from './details/detail-registry';
import { writeDetails, type WrittenParent } from './details/detail-store';
import { captureWrites, type CapturedWrite, type ChangeOrigin } from './changes/change-capture';
import type { ClioMirrorTables } from './schema/clio-mirror.tables';

/** The job id recorded on rows a webhook wrote (`last_job_id`): no sync job wrote them. */
export const WEBHOOK_JOB_ID = 'webhook';

const WEBHOOK_ORIGIN: ChangeOrigin = { source: ChangeSources.webhook, jobId: null };
const WRITE_BACK_ORIGIN: ChangeOrigin = { source: ChangeSources.writeBack, jobId: null };

interface Item {
  e: RecordedEvent;
  o: Observation;
  /** The event's valid records by id (a later one of an id wins, as it did applied alone). */
  rows: Map<string, ObservedRow>;
}

const itemOf = (e: RecordedEvent, o: Observation): Item => {
  const position = LogPosition.of(e);
  const rows = new Map<string, ObservedRow>();
  for (const record of o.records) {
    const checked = checkRecord(o.entityType, record);
    const supersedes = checked.ok ? o.supersedes?.get(checked.row.id) : undefined;
    if (checked.ok)
      rows.set(checked.row.id, {
        ...checked.row,
        ...(supersedes === undefined ? {} : { supersedes }),
        firmId: e.metadata.firmId,
        jobId: WEBHOOK_JOB_ID,
        position,
        syncedAt: e.metadata.occurredAt,
        source: o.source ?? MirrorSources.webhook,
      });
  }
  return { e, o, rows };
};

const idsOf = (i: Item): string[] => [...new Set([...i.rows.keys(), ...i.o.deletedIds])];
const keyOf = (i: Item, id: string): string => `${i.o.entityType}\u0000${i.e.metadata.firmId}\u0000${id}`;

/**
 * Consecutive webhook observations (`ClioRecordsObserved`, `ClioWriteApplied`) applied together: one upsert per
 * entity type (and kind of source) instead of one per event. A group holds each record once, so applying it at once
 * writes what applying its events one by one would (each row is compared with the table, never with another event
 * of the group); an event that names a record already in the group starts the next group.
 */
export class ObservedGroup {
  private items: Item[] = [];
  private readonly keys = new Set<string>();

  /** Adds the event; false (nothing added) when it names a record the group already holds. */
  add(e: RecordedEvent, o: Observation): boolean {
    const item = itemOf(e, o);
    const keys = idsOf(item).map((id) => keyOf(item, id));
    if (keys.some((k) => this.keys.has(k))) return false;
    for (const k of keys) this.keys.add(k);
    this.items.push(item);
    return true;
  }

  /** Writes the group (newer `updated_at` wins, see upsertObservedRows; then the deletions) and empties it. */
  async apply(trx: Transaction<ClioMirrorTables>): Promise<void> {
    const items = this.items;
    this.items = [];
    this.keys.clear();
    for (const entityType of new Set(items.map((i) => i.o.entityType)))
      await applyType(
        trx,
        entityType,
        items.filter((i) => i.o.entityType === entityType),
      );
  }
}

const applyType = async (
  trx: Transaction<ClioMirrorTables>,
  entityType: ClioEntityType,
  items: readonly Item[],
): Promise<void> => {
  const writes: CapturedWrite[] = items.flatMap((i) => {
    const at = { position: LogPosition.of(i.e), observedAt: i.e.metadata.occurredAt };
    const origin = i.o.source === MirrorSources.writeBack ? WRITE_BACK_ORIGIN : WEBHOOK_ORIGIN;
    return idsOf(i).map((id) => ({ firmId: i.e.metadata.firmId, id, at, origin }));
  });
  const rowOf = new Map(items.flatMap((i) => [...i.rows.values()].map((r) => [`${r.firmId}\u0000${r.id}`, r])));
  await captureWrites(trx, entityType, writes, async () => {
    const rowsOf = (readBack: boolean) =>
      items.filter((i) => i.o.readBack === readBack).flatMap((i) => [...i.rows.values()]);
    const written = [
      ...(await upsertObservedRows(trx, entityType, rowsOf(false), false)),
      ...(await upsertObservedRows(trx, entityType, rowsOf(true), true)),
    ];
    const parents: WrittenParent[] = written.flatMap((k) => {
      const row = rowOf.get(`${k.firmId}\u0000${k.id}`);
      return row ? [{ firmId: k.firmId, id: k.id, record: row.data }] : [];
    });
    for (const spec of DETAILS[entityType] ?? []) await writeDetails(trx, spec, parents);
    for (const i of items)
      await applyObservedDeletion(trx, entityType, {
        firmId: i.e.metadata.firmId,
        jobId: WEBHOOK_JOB_ID,
        ids: i.o.deletedIds,
        at: i.e.metadata.occurredAt,
        position: LogPosition.of(i.e),
        ...(i.o.source === undefined ? {} : { source: i.o.source }),
      });
  });
};
