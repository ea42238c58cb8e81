import type { GroundTruth, SimStore } from '../store/store';
import type { Resource } from '../store/resources';
import type { RowRef } from './viewer';
import type { AccessRules } from './access-rules';

/** One record as a user sees it: its etag, or redacted (no etag). */
export interface VisibleRecord {
  id: number;
  etag: string | null;
  redacted: boolean;
}

/** The ground truth as one Clio user may see it: forbidden resources, hidden and redacted contacts. */
export interface VisibleTruth {
  userId: number;
  /** Resources this user's requests are answered 403. */
  forbidden: string[];
  /** Live records per resource, as the user sees them (a forbidden resource: none). */
  records: Record<Resource, VisibleRecord[]>;
}

/**
 * What `userId` (through the app `clientId`, when its scopes matter) may see of the store's ground truth: the rows
 * its lists answer with (`AccessRules.viewerFor`: the notes, folders and documents of contacts the user may not
 * see are hidden with them).
 */
export const visibleTruth = (
  store: Pick<SimStore, 'groundTruth' | 'get'>,
  access: AccessRules,
  userId: number,
  clientId?: string,
): VisibleTruth => {
  const truth = store.groundTruth();
  const viewer = access.viewerFor(userId);
  const forbidden: string[] = [];
  const records = {} as Record<Resource, VisibleRecord[]>;
  for (const [resource, list] of Object.entries(truth.records) as Array<[Resource, GroundTruth['records'][Resource]]>) {
    if (access.isForbidden(userId, resource, clientId)) {
      forbidden.push(resource);
      records[resource] = [];
      continue;
    }
    records[resource] = list.flatMap((r) => {
      const row = (store.get(resource, r.id) as RowRef | undefined) ?? r;
      const v = viewer?.rowView(resource, row) ?? 'full';
      if (v === 'hidden') return [];
      return [{ id: r.id, etag: v === 'redacted' ? null : r.etag, redacted: v === 'redacted' }];
    });
  }
  return { userId, forbidden, records };
};
