import { SyncScopeKinds } from '@sf/contracts';

/** What a sync covers: the whole firm (every entity type) or one matter (its folders and documents). */
export type SyncScope = { readonly kind: 'firm' } | { readonly kind: 'matter'; readonly matterId: string };

export const SyncScope = {
  firm: (): SyncScope => ({ kind: SyncScopeKinds.firm }),
  matter: (matterId: string): SyncScope => ({ kind: SyncScopeKinds.matter, matterId }),

  /** Narrows a payload's `{ kind, matterId? }` (already validated by the contracts) to a scope. */
  of: (raw: { kind: string; matterId?: string }): SyncScope =>
    raw.kind === SyncScopeKinds.matter && raw.matterId !== undefined
      ? { kind: SyncScopeKinds.matter, matterId: raw.matterId }
      : { kind: SyncScopeKinds.firm },

  equals: (a: SyncScope, b: SyncScope): boolean =>
    a.kind === b.kind && (a.kind === 'firm' || (b.kind === 'matter' && a.matterId === b.matterId)),

  /** `firm` or `matter:<id>`: for logs and messages (never a stream id; use `streamIds.syncScope`). */
  label: (s: SyncScope): string => (s.kind === 'firm' ? 'firm' : `matter:${s.matterId}`),
} as const;
