// Test-only: puts records in the Clio mirror the way production does (ClioRecordsFetched pages in a sync job's
// stream, then the clio-mirror projection), so the read API is tested against rows a rebuild would produce.
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { StreamTypes, streamIds, type NewEvent } from '@sf/contracts';
import { clioMirrorProjection } from '@sf/clio-mirror';
import { appendToStream } from '@sf/event-store';
import { catchUp } from '@sf/projections';
import type { OrchestratorDb } from '../schema/orchestrator-schema';
import { event, lastLogPosition } from './orchestrator-fixtures';

export type ClioRecord = Record<string, unknown>;

/** Appends events to a sync job's stream (a fresh job unless given). */
export const appendJobEvents = async (db: Kysely<OrchestratorDb>, jobId: string, events: NewEvent[]): Promise<void> => {
  const r = await appendToStream(db, streamIds.syncJob(jobId), StreamTypes.syncJob, 'any', events);
  if (!r.ok) throw new Error(r.reason);
};

/** One page per entity type, in one job, at `at`. */
export const fetchPages = async (
  db: Kysely<OrchestratorDb>,
  firmId: string,
  pages: Record<string, ClioRecord[]>,
  at = new Date(),
  jobId: string = randomUUID(),
): Promise<string> => {
  await appendJobEvents(
    db,
    jobId,
    Object.entries(pages).map(([entityType, records]) =>
      event(firmId, 'ClioRecordsFetched', { jobId, entityType, records }, at),
    ),
  );
  return jobId;
};

/** Brings the mirror up to the last event committed so far. */
export const projectMirror = async (db: Kysely<OrchestratorDb>): Promise<void> => {
  const until = await lastLogPosition(db);
  await catchUp(db, clioMirrorProjection, until ? { until } : {});
};

const STAMP = (n: number): ClioRecord => ({
  created_at: `2026-01-${String((n % 28) + 1).padStart(2, '0')}T00:00:00Z`,
  updated_at: `2026-02-${String((n % 28) + 1).padStart(2, '0')}T00:00:00Z`,
});

export const matterRecord = (id: number, over: ClioRecord = {}): ClioRecord => ({
  id,
  etag: `"m${id}"`,
  ...STAMP(id),
  display_number: `000${id}-Case`,
  description: `Matter ${id}`,
  status: 'Open',
  client: { id: 900 },
  practice_area: { id: 5, name: 'Litigation' },
  ...over,
});

export const folderRecord = (id: number, matterId: number, parentId: number | null, name: string): ClioRecord => ({
  id,
  etag: `"f${id}"`,
  ...STAMP(id),
  deleted_at: null,
  name,
  matter: { id: matterId },
  parent: parentId === null ? null : { id: parentId },
});

export const documentRecord = (id: number, matterId: number, parentId: number, over: ClioRecord = {}): ClioRecord => ({
  id,
  etag: `"d${id}"`,
  ...STAMP(id),
  deleted_at: null,
  name: `doc-${id}.pdf`,
  matter: { id: matterId },
  parent: { id: parentId },
  ...over,
});
