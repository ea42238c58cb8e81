import type { LogPosition } from '@sf/event-store';

export const MatterSyncStatus = {
  Idle: 'idle',
  Syncing: 'syncing',
  Blocked: 'blocked',
  Error: 'error',
} as const;
export type MatterSyncStatus = (typeof MatterSyncStatus)[keyof typeof MatterSyncStatus];

/** Cumulative progress of the active job per entity type, as last reported (SyncProgressed is cumulative). */
export interface MatterSyncProgress {
  entityTypes: string[] | null;
  estimatedTotal: number | null;
  byType: Record<string, { fetched: number; total: number | null }>;
}

/** One row of `matter_sync_state` as the pure fold sees it: instants are ISO strings at millisecond precision. */
export interface MatterSyncRow {
  firmId: string;
  matterId: string;
  state: MatterSyncStatus;
  activeJobId: string | null;
  lastSyncedAt: string | null;
  lastError: string | null;
  lastErrorCode: string | null;
  progressCurrent: number;
  progressTotal: number | null;
  blockedUntil: string | null;
  progress: MatterSyncProgress;
  updatedAt: string;
  lastPosition: LogPosition;
}

export interface MatterKey {
  firmId: string;
  matterId: string;
}

export const matterKeyString = (k: MatterKey): string => `${k.firmId}\u0000${k.matterId}`;

export const emptyProgress = (): MatterSyncProgress => ({ entityTypes: null, estimatedTotal: null, byType: {} });

/**
 * Progress shown to users: `current` is the sum of fetched records over entity types; `total` is the sum of the
 * per-type totals once every type (expected or reported) has reported one, and the job's estimate until then (null if none).
 */
export const progressFigures = (p: MatterSyncProgress): { current: number; total: number | null } => {
  const entries = Object.entries(p.byType);
  const current = entries.reduce((n, [, v]) => n + v.fetched, 0);
  const types = [...new Set([...(p.entityTypes ?? []), ...entries.map(([t]) => t)])];
  const totals = types.map((t) => p.byType[t]?.total ?? null);
  if (types.length === 0 || totals.some((t) => t === null)) return { current, total: p.estimatedTotal };
  return { current, total: totals.reduce<number>((n, t) => n + (t ?? 0), 0) };
};
