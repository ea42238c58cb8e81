import {
  ClioRegions,
  SyncScopeKinds,
  SyncTriggers,
  type ClioRegion,
  type SyncScopeKind,
  type SyncTrigger,
} from './wire-names';

const memberOf = <T extends string>(values: Readonly<Record<string, T>>): ((v: unknown) => v is T) => {
  const set: ReadonlySet<unknown> = new Set(Object.values(values));
  return (v: unknown): v is T => set.has(v);
};

/** Narrows an untrusted wire value (HTTP body, message payload, CLI argument) to a trigger. */
export const isSyncTrigger: (v: unknown) => v is SyncTrigger = memberOf(SyncTriggers);
/** Narrows an untrusted wire value to a Clio region. */
export const isClioRegion: (v: unknown) => v is ClioRegion = memberOf(ClioRegions);
/** Narrows an untrusted wire value to a sync scope kind. */
export const isSyncScopeKind: (v: unknown) => v is SyncScopeKind = memberOf(SyncScopeKinds);
