/** Requests a process accepts on the public deauthorization callback per window; Clio sends one per revocation. */
export const DEAUTHORIZE_CALLBACKS_PER_MINUTE = 60;

/**
 * A fixed-window counter for one public route, per process: beyond `limit` requests in a window the caller is told
 * when the next window starts. It bounds the work (a database round trip per call) an anonymous flood causes; the
 * per-connection check slot is what protects the firm's Clio budget across replicas.
 */
export class FixedWindowLimit {
  private windowStart = 0;
  private count = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** null when the request may proceed; otherwise the seconds until the next window. */
  take(nowMs: number): number | null {
    const start = nowMs - (nowMs % this.windowMs);
    if (start !== this.windowStart) {
      this.windowStart = start;
      this.count = 0;
    }
    if (this.count >= this.limit) return Math.max(1, Math.ceil((start + this.windowMs - nowMs) / 1000));
    this.count += 1;
    return null;
  }
}
