import type { EventData } from '@sf/contracts';
import type { EntityProgress } from './job-view';
import { RECENT_FIRST_ENTITY_TYPES } from './onboarding';

/** The recent window of a recent-first listing: its own progress (its records are listed again in full after). */
export interface WindowProgress {
  readonly fetched: number;
  /** Records created in the window (counted before fetching, then as Clio reports); null when unknown. */
  readonly total: number | null;
  readonly done: boolean;
}

/**
 * Progress entries with the recent windows a recent-first job will list (`recentSince`, phased), each with its
 * pre-sync count when there is one (`recentEstimates`).
 */
export const withRecentWindows = (
  progress: Readonly<Record<string, EntityProgress>>,
  d: EventData<'SyncJobStarted'>,
): Readonly<Record<string, EntityProgress>> => {
  if (d.recentSince === undefined || d.phases === undefined) return progress;
  const windowed: readonly string[] = RECENT_FIRST_ENTITY_TYPES;
  const out: Record<string, EntityProgress> = { ...progress };
  for (const t of d.entityTypes.filter((x) => windowed.includes(x)))
    out[t] = {
      ...(out[t] ?? { fetched: 0, total: null }),
      recent: { fetched: 0, total: d.recentEstimates?.[t] ?? null, done: false },
    };
  return out;
};

/** An entity type's progress after a page of its recent window, or of its complete listing (the window is over). */
export const progressed = (before: EntityProgress | undefined, d: EventData<'SyncProgressed'>): EntityProgress => {
  const base = before ?? { fetched: 0, total: null };
  if (d.window !== undefined)
    return {
      ...base,
      recent: { fetched: d.fetched, total: d.total ?? base.recent?.total ?? null, done: d.cursor === null },
    };
  const recent = base.recent === undefined || base.recent.done ? base.recent : { ...base.recent, done: true };
  return { ...base, fetched: d.fetched, total: d.total, ...(recent === undefined ? {} : { recent }) };
};
