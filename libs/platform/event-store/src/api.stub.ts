// INTERFACE CONTRACT (temporary stub, replaced by the real implementation in this lib).
// Other libs code against exactly these names and shapes.
import type { NewEvent, RecordedEvent } from '@sf/contracts';
import type { Executor } from '@sf/db';

/** Expected stream version for an append. A number is the exact current version (0 = stream has no events). */
export type ExpectedVersion = number | 'no_stream' | 'stream_exists' | 'any';

export type AppendResult =
  | { ok: true; nextVersion: number; events: RecordedEvent[]; idempotent: boolean }
  | { ok: false; reason: 'version_conflict'; expected: ExpectedVersion; actual: number };

/** Position in the global log: (transaction id, global position), both decimal strings of Postgres bigints. */
export interface LogPosition {
  txId: bigint;
  position: bigint;
}

export declare const LogPosition: {
  readonly start: LogPosition;
  parse(s: string): LogPosition;
  format(p: LogPosition): string;
  of(e: Pick<RecordedEvent, 'transactionId' | 'globalPosition'>): LogPosition;
};

export declare function appendToStream(
  db: Executor,
  streamId: string,
  streamType: string,
  expected: ExpectedVersion,
  events: NewEvent[],
): Promise<AppendResult>;

export declare function readStream(db: Executor, streamId: string, opts?: { fromPosition?: number }): Promise<RecordedEvent[]>;

/** Committed events strictly after `after`, in log order, at most `limit`; never returns an event that could be overtaken. */
export declare function readAllAfter(db: Executor, after: LogPosition, limit: number): Promise<RecordedEvent[]>;
