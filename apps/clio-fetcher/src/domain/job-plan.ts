import type { SyncMode } from '@sf/contracts';
import type { ListRequest } from '@sf/clio-client';
import {
  CLIO_ENTITY_TYPES, CLIO_FIELDS, MATTER_SCOPE_ENTITY_TYPES, TREE_ENTITY_TYPES, type ClioEntityType,
} from '@sf/clio-mirror';

/** A sync's scope as `SyncRequested` carries it. */
export type Scope = { kind: 'firm' } | { kind: 'matter'; matterId: string };

export const scopeOf = (v: { kind: string; matterId?: string }): Scope =>
  v.kind === 'matter' && typeof v.matterId === 'string' ? { kind: 'matter', matterId: v.matterId } : { kind: 'firm' };

/** Key of a scope in `sync_bookmarks`: `firm` or `matter-<id>` (the suffix of its scope stream id). */
export const scopeKeyOf = (scope: Scope): string => (scope.kind === 'matter' ? `matter-${scope.matterId}` : 'firm');

export const matterIdOf = (scope: Scope): string | null => (scope.kind === 'matter' ? scope.matterId : null);

/**
 * Entity types a job fetches, in priority order: a matter scope covers that matter's folders and documents; a firm
 * scope covers everything. `requested` (SyncRequested.entityTypes) narrows the list; unknown names are ignored.
 */
export const planEntityTypes = (scope: Scope, requested: readonly string[] | null): ClioEntityType[] => {
  const base = scope.kind === 'matter' ? MATTER_SCOPE_ENTITY_TYPES : CLIO_ENTITY_TYPES;
  return requested === null ? [...base] : base.filter((e) => requested.includes(e));
};

/** Triggers that always list in full: the first sync, and maintenance (periodic reconciliation of every record). */
const FULL_TRIGGERS: ReadonlySet<string> = new Set(['first_login', 'maintenance']);

/**
 * Full listing (and mark-and-sweep) for a matter scope (a handful of pages, and what processing relies on), for
 * the first sync and maintenance, and whenever there is no bookmark; otherwise incremental from the bookmark.
 */
export const chooseMode = (scope: Scope, trigger: string, bookmark: string | null): SyncMode =>
  scope.kind === 'matter' || FULL_TRIGGERS.has(trigger) || bookmark === null ? 'full' : 'incremental';

/**
 * The first page request of a listing. Incremental listings of documents and folders include the trash: a
 * trashed record comes back with `deleted_at` set (its `updated_at` moves), which is how they learn of deletions.
 */
export const listRequest = (
  entityType: ClioEntityType, scope: Scope, mode: SyncMode, bookmark: string | null, pageSize: number,
): ListRequest => {
  const filters: Record<string, string> = {};
  if (scope.kind === 'matter' && TREE_ENTITY_TYPES.has(entityType)) filters['matter_id'] = scope.matterId;
  if (mode === 'incremental' && bookmark !== null) {
    filters['updated_since'] = bookmark;
    if (TREE_ENTITY_TYPES.has(entityType)) filters['include_deleted'] = 'true';
  }
  return { resource: entityType, fields: [...CLIO_FIELDS[entityType]], filters, limit: pageSize };
};

/** Filters that count what a scope holds in Clio (live records only), for estimates and deletion checks. */
export const scopeFilters = (entityType: ClioEntityType, scope: Scope): Record<string, string> =>
  scope.kind === 'matter' && TREE_ENTITY_TYPES.has(entityType) ? { matter_id: scope.matterId } : {};

/**
 * The bookmark a completed listing leaves for the next incremental one: the job's start as Clio saw it (local
 * start when Clio's clock is unknown) minus the overlap. Not "the latest updated_at seen": a record updated while
 * the listing ran, behind the cursor, would be skipped forever.
 */
export const nextBookmark = (clioStartedAt: string | null, startedAt: string, overlapMs: number): string =>
  new Date(Date.parse(clioStartedAt ?? startedAt) - overlapMs).toISOString();
