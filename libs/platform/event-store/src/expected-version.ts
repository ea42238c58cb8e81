/**
 * What the writer believes about a stream when it appends. A number is the exact current version (the number of
 * events in the stream, so 0 = no events yet); `no_stream` = the stream must not exist; `stream_exists` = it must
 * have at least one event; `any` = no check.
 */
export type ExpectedVersion = number | 'no_stream' | 'stream_exists' | 'any';

/** How the append statement checks the expectation; see append-sql.ts. */
export type ExpectationKind = 'create' | 'update' | 'any';

export const ExpectedVersion = {
  /** `create`: only a new stream row may be written; `update`: only an existing one; `any`: either. */
  kindOf(expected: ExpectedVersion): ExpectationKind {
    if (expected === 'any') return 'any';
    if (expected === 'no_stream' || expected === 0) return 'create';
    return 'update';
  },

  /** The exact version the stream must have, when the expectation names one (`no_stream` is version 0). */
  exactOf(expected: ExpectedVersion): number | null {
    if (expected === 'no_stream') return 0;
    return typeof expected === 'number' ? expected : null;
  },

  /** Whether a stream currently at `actual` satisfies the expectation. */
  matches(expected: ExpectedVersion, actual: number): boolean {
    if (expected === 'any') return true;
    if (expected === 'stream_exists') return actual > 0;
    return actual === ExpectedVersion.exactOf(expected);
  },

  /** A negative or fractional version is a caller bug, not an expected outcome. */
  assertValid(expected: ExpectedVersion): void {
    if (typeof expected === 'number' && !(Number.isSafeInteger(expected) && expected >= 0)) {
      throw new RangeError(`expected version must be a non-negative integer, got ${expected}`);
    }
  },
} as const;
