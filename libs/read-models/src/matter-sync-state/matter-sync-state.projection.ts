import type { RecordedEvent } from '@sf/contracts';
import { contextOf } from '../events/position';
import { asSyncJobEvent } from '../events/sync-job-events';
import type { Projection } from '../projection';
import { foldMatterSyncBatch, matterSyncLookups, type MatterSyncInput } from './matter-sync-fold';
import { loadMatterSyncRows, upsertMatterSyncRows } from './matter-sync-store';

export const toMatterSyncInputs = (events: readonly RecordedEvent[]): MatterSyncInput[] =>
  events.flatMap((e) => {
    const event = asSyncJobEvent(e);
    const ctx = event && contextOf(e);
    return event && ctx ? [{ event, ctx }] : [];
  });

/** `matter_sync_state`: per (firm, matter), the state of its matter-scoped sync jobs (see matter-sync-evolve.ts). */
export const matterSyncStateProjection: Projection = {
  name: 'matter_sync_state',
  version: 1,
  tables: ['matter_sync_state'],
  async apply(trx, events) {
    const inputs = toMatterSyncInputs(events);
    if (inputs.length === 0) return;
    const loaded = await loadMatterSyncRows(trx, matterSyncLookups(inputs));
    await upsertMatterSyncRows(trx, foldMatterSyncBatch(loaded, inputs));
  },
};
