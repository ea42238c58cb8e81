import { FetchCause } from './delivery-plan';
import { etagOf, secondOf, type AppendedVersion } from './recent-versions';

/** What the applier does with a payload record, given the versions of its second it knows of. */
export type SameSecondOutcome =
  | { kind: 'write' }
  /** Written over exactly that version (ClioRecordsObservedV2 `supersedes`). */
  | { kind: 'supersede'; etag: string }
  | { kind: 'fetch'; cause: FetchCause };

export interface SameSecondFacts {
  record: Record<string, unknown>;
  /** The payload came from a `created` delivery (the record's first version). */
  created: boolean;
  /** The version an applier (any replica) appended last for the id, if still remembered. */
  appended: AppendedVersion | undefined;
  /** The mirror row's etag when the row has the payload's second under another etag (`contestedIds`). */
  mirrorEtag: string | null | undefined;
}

/**
 * Clio's `updated_at` has one-second precision, so a payload that shares its second with another known version
 * (the mirror row, or one appended lately and maybe not projected yet) cannot be ordered against it and is fetched,
 * with two exceptions that need no call. A `created` payload is the record's first version, never newer than
 * another of its second: it is written as it is and the mirror keeps the row it has. An `updated` payload over the
 * version a `created` delivery carried in its second is newer than it (a new matter linked to its folder): it
 * supersedes exactly that etag, provided the mirror holds no other version of the second. Pure.
 */
export const settleSameSecond = (f: SameSecondFacts): SameSecondOutcome => {
  const second = secondOf(f.record);
  const etag = etagOf(f.record);
  const appended = f.appended !== undefined && f.appended.second === second ? f.appended : undefined;
  const appendedTie = appended !== undefined && appended.etag !== etag;
  const mirrorTie = f.mirrorEtag !== undefined;
  if (!appendedTie && !mirrorTie) return { kind: 'write' };
  if (f.created) return { kind: 'write' };
  const first = appendedTie && appended.created ? appended.etag : null;
  if (first !== null && (!mirrorTie || f.mirrorEtag === first)) return { kind: 'supersede', etag: first };
  return { kind: 'fetch', cause: mirrorTie ? FetchCause.mirrorTie : FetchCause.recentTie };
};
