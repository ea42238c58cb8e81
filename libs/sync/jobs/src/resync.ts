import type { SyncScope } from './sync-scope';

/** A re-sync of one entity type of a firm: that type listed in full and swept; the others left alone. */
export interface ResyncRequest {
  readonly entityType: string;
  /** The entity types the platform mirrors (the caller passes the mirror's list: this lib knows no names). */
  readonly known: readonly string[];
}

/** A request refused for bad input (an HTTP 400 naming `field`, a CLI usage error); nothing is appended. */
export interface RequestRejection {
  readonly rejected: true;
  readonly field: string;
  readonly message: string;
}

export const isRejection = (o: object): o is RequestRejection => 'rejected' in o && o.rejected === true;

/** Why a re-sync cannot be asked for, or null when it can. Messages name the field, never echo the value. */
export const checkResync = (r: ResyncRequest, scope: SyncScope): RequestRejection | null => {
  if (!r.known.includes(r.entityType))
    return { rejected: true, field: 'entityType', message: `entityType must be one of ${r.known.join(', ')}` };
  if (scope.kind !== 'firm')
    return { rejected: true, field: 'scope', message: 'a re-sync of one entity type covers the whole firm' };
  return null;
};
