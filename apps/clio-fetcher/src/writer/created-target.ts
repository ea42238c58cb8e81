import type { Kysely } from 'kysely';
import { latestAppliedEtag, loadWrite, recordKeyOf } from '@sf/clio-mirror';
import type { WriteState } from '@sf/clio-writes';
import type { FetcherDb } from '../schema/fetcher-schema';

export type TargetResolution =
  | { kind: 'ready'; write: WriteState }
  /** Its create has not been confirmed yet (the queue keeps it behind the create: a race with the read model). */
  | { kind: 'waiting' }
  /** Its create failed: the record it changes will never exist. */
  | { kind: 'abandoned'; reason: string };

export const CREATE_FAILED_REASON = 'the record it changes was never created in Clio (its create failed)';

/**
 * A write requested while its record was a create of this app not yet confirmed names the create, not a Clio id.
 * By the time it is the head of its record's queue the create is applied: it goes against the Clio id the create
 * got, `If-Match` the etag of this app's latest applied write of the record (what Clio holds after them; a change
 * made in Clio since is a 412 and merges like any other). Any other write is ready as it is.
 */
export const resolveCreatedTarget = async (db: Kysely<FetcherDb>, w: WriteState): Promise<TargetResolution> => {
  if (w.operation === 'create' || w.recordId !== null || !w.createWriteId) return { kind: 'ready', write: w };
  const { state: create } = await loadWrite(db, w.createWriteId);
  if (create === null || create.status === 'failed' || create.status === 'discarded')
    return { kind: 'abandoned', reason: CREATE_FAILED_REASON };
  if (create.status !== 'applied' || create.recordId === null) return { kind: 'waiting' };
  const etag = w.baseEtag ?? (await latestAppliedEtag(db, recordKeyOf(w)));
  return { kind: 'ready', write: { ...w, recordId: create.recordId, baseEtag: etag } };
};
