import { clioIdOf, instantOf } from '@sf/clio-mirror';

const SECOND = 1000;

/** A version the applier appended: its one-second `updated_at`, etag, and whether a `created` delivery carried it. */
export interface AppendedVersion {
  second: number;
  etag: unknown;
  created: boolean;
}

/**
 * The versions this applier appended lately, per record: the mirror may not have projected them yet when the next
 * pass asks it (`contestedIds`), and a payload in the same second as one of them under another etag cannot be
 * ordered against it, unless the appended one is the record's first version (a `created` delivery): see
 * `settleSameSecond`. In process only and bounded (the oldest are forgotten first): after a restart the mirror has
 * caught up, and what this memory no longer knows is fetched.
 */
export class RecentVersions {
  private readonly versions = new Map<string, AppendedVersion>();

  constructor(private readonly max = 50_000) {}

  /** The version of `record`'s id appended last, if remembered. */
  versionOf(firmId: string, entityType: string, record: Record<string, unknown>): AppendedVersion | undefined {
    const key = keyOf(firmId, entityType, record);
    return key === null ? undefined : this.versions.get(key);
  }

  /**
   * Remembers the versions just appended (after their transaction committed); `createdIds` came from a `created`
   * delivery. Never backwards, as the mirror: an older second is not kept over a newer one, nor a created version over
   * another of its second (a late copy; the mirror keeps the row it has).
   */
  remember(
    firmId: string,
    entityType: string,
    records: readonly Record<string, unknown>[],
    createdIds: ReadonlySet<string> = new Set(),
  ): void {
    for (const r of records) {
      const key = keyOf(firmId, entityType, r);
      const second = secondOf(r);
      if (key === null || second === null) continue;
      const created = createdIds.has(String(r['id']));
      const held = this.versions.get(key);
      if (held && (held.second > second || (held.second === second && created && held.etag !== r['etag']))) continue;
      this.versions.delete(key);
      this.versions.set(key, { second, etag: r['etag'], created });
    }
    for (const k of this.versions.keys()) {
      if (this.versions.size <= this.max) break;
      this.versions.delete(k);
    }
  }
}

const keyOf = (firmId: string, entityType: string, r: Record<string, unknown>): string | null => {
  const id = clioIdOf(r['id']);
  return id === null ? null : `${firmId}\u0000${entityType}\u0000${id}`;
};

/** `updated_at` in whole seconds (Clio's precision); null when absent or not an instant. */
export const secondOf = (r: Record<string, unknown>): number | null => {
  const at = instantOf(r['updated_at']);
  return at === null ? null : Math.floor(Date.parse(at) / SECOND);
};
