import type { RecordedEvent } from '@sf/contracts';

/**
 * A place in the global log: the writing transaction's id (xid8) and the row's global position. The log is
 * ordered by this pair, not by global position alone, because sequence values can commit out of order.
 */
export interface LogPosition {
  txId: bigint;
  position: bigint;
}

// Both parts fit in 20 decimal digits (xid8 < 2^64, bigint < 2^63); padding both makes string order = tuple order.
const WIDTH = 20;
const PATTERN = /^(\d{1,20}):(\d{1,20})$/;

const start: LogPosition = Object.freeze({ txId: 0n, position: 0n });

const compare = (a: LogPosition, b: LogPosition): -1 | 0 | 1 => {
  if (a.txId !== b.txId) return a.txId < b.txId ? -1 : 1;
  if (a.position !== b.position) return a.position < b.position ? -1 : 1;
  return 0;
};

export const LogPosition = {
  /** Before the first event: reading after it returns the whole log. */
  start,

  /** Reads `"<txid>:<position>"` (padded or not). A malformed string is a bug, so it throws. */
  parse(s: string): LogPosition {
    const m = PATTERN.exec(s);
    if (!m) throw new Error(`not a log position: ${JSON.stringify(s.slice(0, 60))}`);
    return { txId: BigInt(m[1]!), position: BigInt(m[2]!) };
  },

  /** Fixed-width `"<txid 20 digits>:<position 20 digits>"`; plain string comparison orders these as the log. */
  format(p: LogPosition): string {
    return `${p.txId.toString().padStart(WIDTH, '0')}:${p.position.toString().padStart(WIDTH, '0')}`;
  },

  /** The position of a recorded event; reading after it continues with the next event. */
  of(e: Pick<RecordedEvent, 'transactionId' | 'globalPosition'>): LogPosition {
    return { txId: BigInt(e.transactionId), position: BigInt(e.globalPosition) };
  },

  compare,

  /** The later of two positions. */
  max(a: LogPosition, b: LogPosition): LogPosition {
    return compare(a, b) >= 0 ? a : b;
  },
} as const;
