import type { BaseRecord } from './records';

/**
 * Records of one resource: a Map by id plus an ascending id array for cursor paging. Ids only grow, so inserts
 * append; hard deletes leave holes that scans skip and that are compacted once they pile up.
 */
export class Table<R extends BaseRecord> {
  readonly byId = new Map<number, R>();
  private ids: number[] = [];
  private holes = 0;
  /** Bumped on every write to this table (serializer cache stamp). */
  version = 0;
  /** Highest id ever used. */
  maxId = 0;

  get size(): number {
    return this.byId.size;
  }

  get(id: number): R | undefined {
    return this.byId.get(id);
  }

  insert(rec: R): void {
    if (rec.id <= this.maxId) throw new Error(`id ${rec.id} not above max ${this.maxId}`);
    this.byId.set(rec.id, rec);
    this.ids.push(rec.id);
    this.maxId = rec.id;
    this.version++;
  }

  replace(rec: R): void {
    this.byId.set(rec.id, rec);
    this.version++;
  }

  remove(id: number): boolean {
    if (!this.byId.delete(id)) return false;
    this.version++;
    if (++this.holes > 1024 && this.holes > this.ids.length / 8) {
      this.ids = this.ids.filter((i) => this.byId.has(i));
      this.holes = 0;
    }
    return true;
  }

  /** Index of the first id strictly greater than `after` in the ascending id array. */
  private firstAfter(after: number): number {
    let lo = 0;
    let hi = this.ids.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.ids[mid] <= after) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Live records with id > `after`, ascending. */
  *ascending(after = 0): Generator<R> {
    const ids = this.ids;
    for (let i = this.firstAfter(after); i < ids.length; i++) {
      const rec = this.byId.get(ids[i]);
      if (rec) yield rec;
    }
  }

  /** Live records with id < `before`, descending. */
  *descending(before = Number.MAX_SAFE_INTEGER): Generator<R> {
    const ids = this.ids;
    for (let i = this.firstAfter(before - 1) - 1; i >= 0; i--) {
      const rec = this.byId.get(ids[i]);
      if (rec) yield rec;
    }
  }
}
