import type { PageOutcome } from '@sf/clio-client';
import type { JobContext } from './job-context';

/** A page's answer and when it arrived (the Clio clock offset is measured against it). */
export interface FetchedPage {
  outcome: PageOutcome;
  receivedAt: Date;
}

/**
 * The next page of a listing, asked for while the current one is being appended: the request and the append overlap
 * instead of following each other, so a job's pages flow at the rate of the slower of the two, not their sum. Taken
 * only if the listing's cursor after the append is the URL it asked for; otherwise (a refusal, a restart) it is
 * dropped, at the cost of the one request. The page itself is checked and appended exactly as any other.
 */
export class NextPage {
  private ahead: { cursorUrl: string; fetched: Promise<FetchedPage> } | null = null;

  constructor(private readonly ctx: Pick<JobContext, 'client' | 'now'>) {}

  /** Asks for the page at `cursorUrl` now. */
  request(cursorUrl: string): void {
    const fetched = this.ctx.client
      .fetchPage({ cursorUrl }, 'backfill')
      .then((outcome) => ({ outcome, receivedAt: this.ctx.now() }));
    // A dropped page's failure is nobody's to handle; a taken one rethrows where it is awaited.
    fetched.catch(() => undefined);
    this.ahead = { cursorUrl, fetched };
  }

  /** A page at `cursorUrl` was asked for and not yet taken (already paid for: a graceful stop appends it first). */
  has(cursorUrl: string | null | undefined): boolean {
    return this.ahead !== null && this.ahead.cursorUrl === cursorUrl;
  }

  /** The page asked for at `cursorUrl`, or null when none was (or another URL was). Either way, nothing is ahead after. */
  take(cursorUrl: string | null | undefined): Promise<FetchedPage> | null {
    const ahead = this.ahead;
    this.ahead = null;
    return ahead !== null && ahead.cursorUrl === cursorUrl ? ahead.fetched : null;
  }
}
