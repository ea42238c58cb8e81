import type { Region } from '../wire';

/** One served request. Holds no query string, header or body: they may carry tokens, codes or content. */
export interface RequestLogEntry {
  /** epoch ms (simulator clock) when the request started */
  at: number;
  region: Region;
  method: string;
  path: string;
  /** route pattern, e.g. `/api/v4/matters/:id`; undefined when no route matched */
  route?: string;
  status: number;
  durationMs: number;
}

/** Bounded ring of recent requests, for tests and the control API. */
export class RequestLog {
  private readonly buf: RequestLogEntry[] = [];
  private start = 0;
  private total = 0;
  private readonly listeners = new Set<(e: RequestLogEntry) => void>();

  /** @param capacity entries kept; default 10,000 */
  constructor(private readonly capacity = 10_000) {}

  push(e: RequestLogEntry): void {
    this.total++;
    if (this.buf.length < this.capacity) this.buf.push(e);
    else {
      this.buf[this.start] = e;
      this.start = (this.start + 1) % this.capacity;
    }
    for (const l of this.listeners) l(e);
  }

  /** Oldest first. */
  entries(): RequestLogEntry[] {
    return [...this.buf.slice(this.start), ...this.buf.slice(0, this.start)];
  }

  /** Requests seen since start, including ones that fell out of the ring. */
  get count(): number {
    return this.total;
  }

  onEntry(listener: (e: RequestLogEntry) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  clear(): void {
    this.buf.length = 0;
    this.start = 0;
  }
}
