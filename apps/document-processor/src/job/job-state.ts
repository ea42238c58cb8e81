import type { RecordedEvent } from '@sf/contracts';

export const OutcomeKind = { processed: 'processed', skipped: 'skipped', failed: 'failed' } as const;
export type OutcomeKind = (typeof OutcomeKind)[keyof typeof OutcomeKind];

/** What the job stream says about a processing job, folded from its events. */
export interface JobState {
  /** Stream version (number of events) the state was folded from: the expected version of the next append. */
  version: number;
  started: { matterId: string; folderId: string | null; documentIds: string[] } | null;
  outcomes: ReadonlyMap<string, OutcomeKind>;
  /** Completed or cancelled: nothing more to do. */
  closed: boolean;
}

export const initialJobState: JobState = { version: 0, started: null, outcomes: new Map(), closed: false };

const outcomeOf = (type: string): OutcomeKind | null =>
  type === 'DocumentProcessed' ? OutcomeKind.processed : type === 'DocumentSkipped' ? OutcomeKind.skipped
    : type === 'DocumentFailed' ? OutcomeKind.failed : null;

/** Pure fold of one job-stream event; the first outcome of a document wins. */
export const evolve = (s: JobState, e: RecordedEvent): JobState => {
  const version = s.version + 1;
  if (e.type === 'JobStarted') {
    const d = e.data as { matterId: string; folderId: string | null; documentIds: string[] };
    return { ...s, version, started: s.started ?? { matterId: d.matterId, folderId: d.folderId, documentIds: d.documentIds } };
  }
  if (e.type === 'JobCompleted' || e.type === 'JobCancelled') return { ...s, version, closed: true };
  const kind = outcomeOf(e.type);
  const documentId = (e.data as { documentId?: unknown }).documentId;
  if (kind && typeof documentId === 'string' && !s.outcomes.has(documentId)) {
    return { ...s, version, outcomes: new Map(s.outcomes).set(documentId, kind) };
  }
  return { ...s, version };
};

export const foldJob = (events: readonly RecordedEvent[]): JobState => events.reduce(evolve, initialJobState);

/** Snapshot documents without an outcome yet, in snapshot order (duplicates in the snapshot count once). */
export const pendingDocuments = (s: JobState): string[] =>
  [...new Set(s.started?.documentIds ?? [])].filter((id) => !s.outcomes.has(id));

/** Outcome counts over the snapshot, for `JobCompleted`. */
export const countOutcomes = (s: JobState): Record<OutcomeKind, number> => {
  const c = { processed: 0, skipped: 0, failed: 0 };
  for (const k of s.outcomes.values()) c[k] += 1;
  return c;
};
