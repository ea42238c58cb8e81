import type { RecordedEvent } from '@sf/contracts';
import type { Executor } from '@sf/db';
import { LogPosition } from '@sf/event-store';
import { contextOf } from '../events/position';
import { asSyncJobEvent, SYNC_JOB_EVENT_TYPES } from '../events/sync-job-events';
import type { Projection } from '@sf/projections';
import { RowCache } from '@sf/projections';
import { foldMatterSyncBatch, jobKeyString, matterSyncLookups, type MatterSyncInput } from './matter-sync-fold';
import { matterKeyString, type MatterSyncRow } from './matter-sync-row';
import { loadMatterSyncRows, upsertMatterSyncRows } from './matter-sync-store';
import type { ReadModelTables } from '../schema/read-models.tables';

export const toMatterSyncInputs = (events: readonly RecordedEvent[]): MatterSyncInput[] =>
  events.flatMap((e) => {
    const event = asSyncJobEvent(e);
    const ctx = event && contextOf(e);
    return event && ctx ? [{ event, ctx }] : [];
  });

const newCache = (): RowCache<MatterSyncRow> =>
  new RowCache<MatterSyncRow>({
    keyOf: matterKeyString,
    altKeyOf: (r) => (r.activeJobId === null ? null : jobKeyString(r.firmId, r.activeJobId)),
  });

/** The rows a batch touches: from the cache when it is valid, the rest in one query. */
const rowsFor = async (
  db: Executor<ReadModelTables>,
  inputs: readonly MatterSyncInput[],
  cache: RowCache<MatterSyncRow> | null,
): Promise<MatterSyncRow[]> => {
  const want = matterSyncLookups(inputs);
  if (cache === null) return loadMatterSyncRows(db, want);
  const hits: MatterSyncRow[] = [];
  const take = (r: MatterSyncRow | undefined): boolean => (r ? (hits.push(r), false) : true);
  const matters = want.matters.filter((m) => take(cache.get(matterKeyString(m))));
  const jobs = want.jobs.filter((j) => take(cache.getByAlt(jobKeyString(j.firmId, j.jobId))));
  const loaded = await loadMatterSyncRows(db, { matters, jobs });
  return [...new Map([...loaded, ...hits].map((r) => [matterKeyString(r), r] as const)).values()];
};

/**
 * `matter_sync_state`: per (firm, matter), the state of its matter-scoped sync jobs (see matter-sync-evolve.ts).
 * Each instance keeps a row cache (see RowCache), used only when the runner passes the batch's checkpoint.
 */
export const createMatterSyncStateProjection = (): Projection<ReadModelTables> => {
  const cache = newCache();
  return {
    name: 'matter_sync_state',
    version: 1,
    tables: ['matter_sync_state'],
    eventTypes: SYNC_JOB_EVENT_TYPES,
    async apply(trx, events, ctx) {
      const last = events[events.length - 1];
      if (ctx) cache.continueFrom(ctx.after);
      const inputs = toMatterSyncInputs(events);
      const changed =
        inputs.length === 0 ? [] : foldMatterSyncBatch(await rowsFor(trx, inputs, ctx ? cache : null), inputs);
      await upsertMatterSyncRows(trx, changed);
      if (ctx && last) cache.advance(changed, LogPosition.of(last));
    },
  };
};

export const matterSyncStateProjection: Projection<ReadModelTables> = createMatterSyncStateProjection();
