import type { SweepConfig } from '../fetcher-config';

/**
 * The circuit breaker: a deletion of more than `maxDeleteShare` of the scope's live records (and more than
 * `holdAbove` records) is held for review instead of applied. A listing that came back nearly empty (permissions
 * changed, an API bug) must not wipe the mirror.
 */
export const breakerHolds = (
  deletes: number,
  live: number,
  cfg: Pick<SweepConfig, 'maxDeleteShare' | 'holdAbove'>,
): boolean => deletes > cfg.holdAbove && deletes > cfg.maxDeleteShare * live;

/** Splits `ids` into chunks of at most `size`. */
export const chunks = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/**
 * A split point for a creation-time range whose median row was created at `median`: half a second earlier, so no
 * record (Clio times are whole seconds) sits on the boundary and `created_since` means the same whether Clio
 * treats it as inclusive or exclusive. Null when the split would not shrink the range (all rows share a second).
 */
export const splitPoint = (median: string, from: string | null): string | null => {
  const t = Date.parse(median) - 500;
  if (from !== null && t <= Date.parse(from)) return null;
  return new Date(t).toISOString();
};
