import { LogPosition } from '@sf/event-store';

export interface RowCacheOptions<R> {
  /** The row's primary key as a string. */
  keyOf: (r: R) => string;
  /** A second unique key to look rows up by (null: the row has none right now). */
  altKeyOf?: (r: R) => string | null;
  /** Above this many cached rows the cache starts over (bounded memory). Default 50,000. */
  maxRows?: number;
}

/**
 * Rows a projection wrote recently, valid at exactly one log position. Rows are a pure function of the log prefix,
 * so rows cached "as of checkpoint C" are what the table holds whenever a batch continues from C, whoever wrote
 * them; any other starting point (another replica moved on, a rollback, a reset) empties the cache first.
 * Trade-off: rows edited in the table by hand, or by another code version at the same checkpoint, are not seen.
 */
export class RowCache<R> {
  private at: LogPosition | null = null;
  private readonly rows = new Map<string, R>();
  private readonly byAlt = new Map<string, string>();

  constructor(private readonly opts: RowCacheOptions<R>) {}

  /** Call at the start of a batch with the checkpoint it continues from; empties the cache unless it matches. */
  continueFrom(after: LogPosition): void {
    if (this.at !== null && LogPosition.compare(after, this.at) === 0) return;
    this.rows.clear();
    this.byAlt.clear();
    this.at = null;
  }

  get(key: string): R | undefined {
    return this.rows.get(key);
  }

  getByAlt(altKey: string): R | undefined {
    const key = this.byAlt.get(altKey);
    return key === undefined ? undefined : this.rows.get(key);
  }

  /**
   * Records the batch's written rows as of `checkpoint` (its last event). Called before commit: if the
   * transaction rolls back, the stored checkpoint stays behind `checkpoint` and the next batch empties the cache.
   */
  advance(written: readonly R[], checkpoint: LogPosition): void {
    if (this.rows.size + written.length > (this.opts.maxRows ?? 50_000)) {
      this.rows.clear();
      this.byAlt.clear();
    }
    const alt = this.opts.altKeyOf;
    for (const r of written) {
      const key = this.opts.keyOf(r);
      const before = this.rows.get(key);
      const oldAlt = before === undefined || !alt ? null : alt(before);
      if (oldAlt !== null) this.byAlt.delete(oldAlt);
      this.rows.set(key, r);
      const newAlt = alt ? alt(r) : null;
      if (newAlt !== null) this.byAlt.set(newAlt, key);
    }
    this.at = checkpoint;
  }
}
