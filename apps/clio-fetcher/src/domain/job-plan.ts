import type { SyncMode } from '@sf/contracts';
import type { ListRequest } from '@sf/clio-client';
import {
  CLIO_ENTITY_TYPES,
  CLIO_FIELDS,
  MATTER_SCOPE_ENTITY_TYPES,
  TREE_ENTITY_TYPES,
  listingSourceOf,
  matterFilters,
  type ClioEntityType,
} from '@sf/clio-mirror';
import type { SyncScope } from '@sf/sync-jobs';

/** Key of a scope in `sync_bookmarks`: `firm` or `matter-<id>` (the suffix of its scope stream id). */
export const scopeKeyOf = (scope: SyncScope): string => (scope.kind === 'matter' ? `matter-${scope.matterId}` : 'firm');

export const matterIdOf = (scope: SyncScope): string | null => (scope.kind === 'matter' ? scope.matterId : null);

/**
 * Entity types a job fetches, in priority order: a matter scope covers the matter and every type that belongs to
 * it (MATTER_SCOPE_ENTITY_TYPES); a firm scope covers everything. `requested` (SyncRequested.entityTypes) narrows
 * the list; unknown names are ignored.
 */
export const planEntityTypes = (scope: SyncScope, requested: readonly string[] | null): ClioEntityType[] => {
  const base = scope.kind === 'matter' ? MATTER_SCOPE_ENTITY_TYPES : CLIO_ENTITY_TYPES;
  return requested === null ? [...base] : base.filter((e) => requested.includes(e));
};

/** Triggers that always list in full: the first sync, and maintenance (periodic reconciliation of every record). */
const FULL_TRIGGERS: ReadonlySet<string> = new Set(['first_login', 'maintenance']);

/**
 * Full listing (and mark-and-sweep) for the first sync and maintenance, for a re-sync (`fullListing`), and whenever
 * the scope has no bookmark (a matter's first sync); otherwise incremental from the scope's bookmark (a matter
 * synced before included).
 */
export const chooseMode = (
  _scope: SyncScope,
  trigger: string,
  bookmark: string | null,
  fullListing = false,
): SyncMode => (fullListing || FULL_TRIGGERS.has(trigger) || bookmark === null ? 'full' : 'incremental');

/**
 * The first page request of a listing. Incremental listings of documents and folders include the trash: a
 * trashed record comes back with `deleted_at` set (its `updated_at` moves), which is how they learn of deletions.
 * A recent window (`createdSince`) lists the records created since then (Clio's `created_since`).
 */
export const listRequest = (
  entityType: ClioEntityType,
  scope: SyncScope,
  mode: SyncMode,
  bookmark: string | null,
  pageSize: number,
  createdSince: string | null = null,
): ListRequest => {
  const filters = scopeFilters(entityType, scope);
  if (createdSince !== null) filters['created_since'] = createdSince;
  if (mode === 'incremental' && bookmark !== null) {
    filters['updated_since'] = bookmark;
    if (TREE_ENTITY_TYPES.has(entityType)) filters['include_deleted'] = 'true';
  }
  return {
    resource: listingSourceOf(entityType).resource,
    fields: [...CLIO_FIELDS[entityType]],
    filters,
    limit: pageSize,
  };
};

/**
 * Filters that select what a scope holds in Clio (live records only), for listings, estimates and deletion
 * checks: the entity type's own (the kind of note) and, in a matter scope, the matter's.
 */
export const scopeFilters = (entityType: ClioEntityType, scope: SyncScope): Record<string, string> => ({
  ...listingSourceOf(entityType).filters,
  ...(scope.kind === 'matter' ? matterFilters(entityType, scope.matterId) : {}),
});

/**
 * How far Clio's clock runs ahead of ours (ms, negative when behind): a response's `Date` against our clock when it
 * arrived; 0 when Clio sent no `Date`. `Date` has whole seconds and the response took time to arrive, so the
 * estimate errs towards "behind", which only moves a bookmark earlier (safe).
 */
export const clioClockOffsetMs = (serverDate: string | null, receivedAt: Date): number =>
  serverDate === null ? 0 : Date.parse(serverDate) - receivedAt.getTime();

/**
 * The bookmark a completed listing leaves for the next incremental one: the job's start on Clio's clock, minus the
 * overlap. That start is `SyncJobStarted.clioStartedAt` when the job read Clio's clock before starting, else the
 * local start moved by `clockOffsetMs` (Clio's clock against ours, see `clioClockOffsetMs`): `updated_since` is
 * compared with Clio's timestamps, so our clock running ahead would skip changes. Not "the latest updated_at
 * seen": a record updated while the listing ran, behind the cursor, would be skipped forever.
 */
export const nextBookmark = (
  clioStartedAt: string | null,
  startedAt: string,
  overlapMs: number,
  clockOffsetMs = 0,
): string =>
  new Date(
    (clioStartedAt === null ? Date.parse(startedAt) + clockOffsetMs : Date.parse(clioStartedAt)) - overlapMs,
  ).toISOString();
