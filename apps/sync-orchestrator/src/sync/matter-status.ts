import { policyStateFor, SyncScope } from '@sf/sync-jobs';
import { toSyncStatus, type SyncStatusView } from '@sf/sync-policy';
import { isMatterVisible } from './read-model-queries';
import { loadScopeFacts } from './scope-facts';
import { readScope } from './stream-reads';
import type { SyncDeps } from './sync-deps';

/**
 * The status view-model of one matter, or null when the matter is not visible to the firm. Built exactly like a
 * request's decision (same scope streams, same facts, `toSyncStatus` = the manual decision), so `canSyncNow` is
 * what a `POST /matters/{id}/sync` would get. A matter whose last sync was firm-wide shows that sync: the firm
 * scope's active job covers the matter, and the later of the two scopes' completions is its `lastSyncedAt`.
 */
export const matterSyncStatus = async (
  deps: SyncDeps,
  firmId: string,
  matterId: string,
): Promise<SyncStatusView | null> => {
  if (!(await isMatterVisible(deps.db, firmId, matterId))) return null;
  const scope = await readScope(deps.db, firmId, SyncScope.matter(matterId));
  const firmScope = await readScope(deps.db, firmId, SyncScope.firm());
  const facts = await loadScopeFacts(deps.db, firmId, scope, firmScope);
  const now = deps.now().getTime();
  return toSyncStatus(policyStateFor(scope, facts, now), now, deps.policy);
};
