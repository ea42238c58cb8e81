import { hashHex } from '../store/hash';

/** A stable, non-reversible label for a token, so counters never expose the token itself. */
export const tokenFingerprint = (token: string): string => hashHex(`token:${token}`).slice(0, 16);

export interface TokenCounter {
  /** Requests that presented this token (valid or not). */
  requests: number;
  /** Count per HTTP status. */
  byStatus: Record<number, number>;
  /** epoch ms (simulator clock) of the latest request */
  lastAt: number;
}

/** Requests per presented bearer token, keyed by {@link tokenFingerprint}. */
export class RequestCounters {
  private readonly counters = new Map<string, TokenCounter>();

  record(token: string, status: number, at: number): void {
    const key = tokenFingerprint(token);
    let c = this.counters.get(key);
    if (!c) this.counters.set(key, (c = { requests: 0, byStatus: {}, lastAt: at }));
    c.requests++;
    c.byStatus[status] = (c.byStatus[status] ?? 0) + 1;
    c.lastAt = at;
  }

  get(token: string): TokenCounter | undefined {
    return this.counters.get(tokenFingerprint(token));
  }

  all(): Record<string, TokenCounter> {
    return Object.fromEntries(this.counters);
  }

  clear(): void {
    this.counters.clear();
  }
}
