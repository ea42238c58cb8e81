import type { GroundTruth } from '../store/store';
import type { Resource } from '../store/resources';
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

/** What `userId` (through the app `clientId`, when its scopes matter) may see of `truth`. */
export const visibleTruth = (
  truth: GroundTruth,
  access: AccessRules,
  userId: number,
  clientId?: string,
): VisibleTruth => {
  const forbidden: string[] = [];
  const records = {} as Record<Resource, VisibleRecord[]>;
  for (const [resource, list] of Object.entries(truth.records) as Array<[Resource, GroundTruth['records'][Resource]]>) {
    if (access.isForbidden(userId, resource, clientId)) {
      forbidden.push(resource);
      records[resource] = [];
      continue;
    }
    records[resource] = list.flatMap((r) => {
      const v = access.viewOf(userId, resource, r.id);
      if (v === 'hidden') return [];
      return [{ id: r.id, etag: v === 'redacted' ? null : r.etag, redacted: v === 'redacted' }];
    });
  }
  return { userId, forbidden, records };
};
