import { clioIdOf, instantOf } from '@sf/clio-mirror';

const SECOND = 1000;

/**
 * The versions this applier appended lately, per record: the mirror may not have projected them yet when the next
 * pass asks it (`contestedIds`), and a payload in the same second as one of them under another etag cannot be
 * ordered against it (a new matter and its folder link share their creation second). Such a payload is fetched
 * instead. In process only and bounded (the oldest are forgotten first): after a restart the mirror has caught up.
 */
export class RecentVersions {
  private readonly versions = new Map<string, { second: number; etag: unknown }>();

  constructor(private readonly max = 50_000) {}

  /** True when `record` shares its second with a version appended lately under another etag. */
  conflicts(firmId: string, entityType: string, record: Record<string, unknown>): boolean {
    const key = keyOf(firmId, entityType, record);
    const at = secondOf(record);
    const seen = key === null ? undefined : this.versions.get(key);
    return seen !== undefined && at !== null && seen.second === at && seen.etag !== record['etag'];
  }

  /** Remembers the versions just appended (after their transaction committed). */
  remember(firmId: string, entityType: string, records: readonly Record<string, unknown>[]): void {
    for (const r of records) {
      const key = keyOf(firmId, entityType, r);
      const second = secondOf(r);
      if (key === null || second === null) continue;
      this.versions.delete(key);
      this.versions.set(key, { second, etag: r['etag'] });
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

const secondOf = (r: Record<string, unknown>): number | null => {
  const at = instantOf(r['updated_at']);
  return at === null ? null : Math.floor(Date.parse(at) / SECOND);
};
