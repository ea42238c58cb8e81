import type { Transaction } from 'kysely';
import type { RecordedEvent } from '@sf/contracts';
import { LogPosition } from '@sf/event-store';
import type { Projection } from '@sf/projections';
import { CLIO_ENTITY_TYPES, MIRROR_TABLES, type ClioEntityType } from './entity-types';
import { asMirrorEvent, MIRROR_EVENT_TYPES, type RecordsPage } from './mirror-events';
import { ObservedGroup } from './observed-group';
import { pageSource } from './mirror-source';
import { applySweepDecision, recordFlagged, recordHeldSweep, type EventPlace } from './review/review-store';
import { checkRecord } from './mirror-row';
import type { ClioMirrorTables } from './schema/clio-mirror.tables';
import { applySweep, upsertMirrorRows, type MirrorRow } from './mirror-store';
import { DETAILS } from './details/detail-registry';
import { DETAIL_TABLES } from './details/detail-spec';
import { writeDetails, type WrittenParent } from './details/detail-store';
import {
  captureChanges,
  pageChangeSource,
  recordPageChanges,
  statesBefore,
  type ChainLink,
  type ChangeOrigin,
} from './changes/change-capture';
import { ChangeSources } from '@sf/contracts';

const REVIEW_TABLES = ['clio_flagged_records', 'clio_held_sweeps'] as const;

const keyOf = (firmId: string, id: string): string => `${firmId}\u0000${id}`;

/** Latest observation per (firm, id) of each entity type, waiting for one set-based upsert. */
type Pending = Map<ClioEntityType, Map<string, MirrorRow>>;
/** Every observation per (firm, id) of each entity type in log order: the changes of the pending rows. */
type Chains = Map<ClioEntityType, Map<string, ChainLink[]>>;

const collectPage = (pending: Pending, chains: Chains, e: RecordedEvent, page: RecordsPage): void => {
  const rows = pending.get(page.entityType) ?? new Map<string, MirrorRow>();
  pending.set(page.entityType, rows);
  const links = chains.get(page.entityType) ?? new Map<string, ChainLink[]>();
  chains.set(page.entityType, links);
  const origin: ChangeOrigin = { source: pageChangeSource(page.mode), jobId: page.jobId };
  const position = LogPosition.of(e);
  for (const record of page.records) {
    const checked = checkRecord(page.entityType, record);
    // The fetcher flags invalid records before appending; one that slipped through is left out, not guessed at.
    if (!checked.ok) continue;
    const key = keyOf(e.metadata.firmId, checked.row.id);
    const seen = rows.get(key);
    if (seen && LogPosition.compare(seen.position, position) > 0) continue;
    const row: MirrorRow = {
      ...checked.row,
      firmId: e.metadata.firmId,
      jobId: page.jobId,
      position,
      syncedAt: e.metadata.occurredAt,
      source: pageSource(),
    };
    rows.set(key, row);
    links.set(key, [...(links.get(key) ?? []), { row, origin }]);
  }
};

/** Upserts a table's pending rows, then the detail tables of the rows it wrote (their nested data). */
const flush = async (
  trx: Transaction<ClioMirrorTables>,
  pending: Pending,
  chains: Chains,
  entityType: ClioEntityType,
): Promise<void> => {
  const rows = pending.get(entityType);
  if (!rows || rows.size === 0) return;
  const links = chains.get(entityType) ?? new Map<string, ChainLink[]>();
  const before = await statesBefore(trx, entityType, links);
  const written = await upsertMirrorRows(trx, entityType, [...rows.values()]);
  const parents: WrittenParent[] = written.flatMap((k) => {
    const row = rows.get(keyOf(k.firmId, k.id));
    return row ? [{ firmId: k.firmId, id: k.id, record: row.data }] : [];
  });
  for (const spec of DETAILS[entityType] ?? []) await writeDetails(trx, spec, parents);
  await recordPageChanges(trx, entityType, links, before);
  pending.delete(entityType);
  chains.delete(entityType);
};

export { WEBHOOK_JOB_ID } from './observed-group';

const placeAt = (p: EventPlace) => ({ position: p.position, observedAt: p.at });

/**
 * Folds a batch in log order: pages are gathered per table (the latest observation of a record wins) and written
 * with one statement per table, runs of webhook observations are written as groups (ObservedGroup); a sweep first
 * flushes its table's pending rows, so it never races a row it should soft-delete. Held sweeps (flagged for review)
 * change nothing.
 */
const apply = async (trx: Transaction<ClioMirrorTables>, events: readonly RecordedEvent[]): Promise<void> => {
  const pending: Pending = new Map();
  const chains: Chains = new Map();
  const observed = new ObservedGroup();
  for (const e of events) {
    const m = asMirrorEvent(e);
    if (m === null) continue;
    if (m.kind === 'observed') {
      // Pages of its table gathered before it are written first; then it waits in the group with the observations
      // that follow it, until another kind of event (or one naming a record the group holds) comes.
      await flush(trx, pending, chains, m.observed.entityType);
      if (!observed.add(e, m.observed)) {
        await observed.apply(trx);
        observed.add(e, m.observed);
      }
      continue;
    }
    await observed.apply(trx);
    if (m.kind === 'page') {
      collectPage(pending, chains, e, m.page);
      continue;
    }
    const place: EventPlace = {
      firmId: e.metadata.firmId,
      eventId: e.eventId,
      at: e.metadata.occurredAt,
      position: LogPosition.of(e),
    };
    if (m.kind === 'flagged') {
      await recordFlagged(trx, place, m.flagged);
      continue;
    }
    // Decisions and sweeps act on rows: the pending pages before them are written first, so nothing races.
    const entityTypes = m.kind === 'sweep' ? [m.sweep.entityType] : CLIO_ENTITY_TYPES;
    for (const t of entityTypes) await flush(trx, pending, chains, t);
    if (m.kind === 'decision') {
      const d = m.decision;
      // An approval soft-deletes the held ids: changes of a full listing's sweep, approved by a person.
      if (d.kind === 'approved') {
        const origin = { source: ChangeSources.initialSync, jobId: null };
        await captureChanges(trx, d.entityType, place.firmId, d.ids, placeAt(place), origin, () =>
          applySweepDecision(trx, place, d),
        );
      } else await applySweepDecision(trx, place, d);
      continue;
    }
    const { sweep } = m;
    if (sweep.heldForReview) {
      await recordHeldSweep(trx, place, sweep);
      continue;
    }
    const origin = { source: pageChangeSource(sweep.mode), jobId: sweep.jobId };
    await captureChanges(trx, sweep.entityType, place.firmId, sweep.softDeletedIds, placeAt(place), origin, () =>
      applySweep(trx, sweep.entityType, {
        firmId: e.metadata.firmId,
        jobId: sweep.jobId,
        ids: sweep.softDeletedIds,
        at: e.metadata.occurredAt,
        position: place.position,
        source: pageSource(),
      }),
    );
  }
  await observed.apply(trx);
  for (const entityType of CLIO_ENTITY_TYPES) await flush(trx, pending, chains, entityType);
};

/**
 * The Clio mirror: one table per entity type (`clio_<type>`) and the typed tables of their nested data (custom
 * field values, contacts' addresses, ...), projected from `ClioRecordsFetched` pages and `RecordsSwept`. Rows are a
 * pure function of the log (times are Clio's or event time), so the mirror can be dropped and rebuilt from
 * position 0 without calling Clio. Version 2: the detail tables and `matter_id` on every table. Version 3: each
 * row's `last_synced_at` and `last_source`, and the review tables (flagged records, held sweeps and their decisions).
 * Version 4: the record-change history (`clio_record_changes`, one row per real change, see changes/). It is not
 * among `tables`, so a reset keeps it (and the change relay's place in it); a rebuild derives the same rows.
 * Webhook observations (`ClioRecordsObserved`) are written only over an older `updated_at` (or the same second, when
 * read back from Clio rather than carried by a delivery).
 */
export const clioMirrorProjection: Projection<ClioMirrorTables> = {
  name: 'clio-mirror',
  version: 4,
  tables: [...MIRROR_TABLES, ...DETAIL_TABLES, ...REVIEW_TABLES],
  eventTypes: MIRROR_EVENT_TYPES,
  apply,
};
