import fc from 'fast-check';
import { LogPosition } from './log-position';

const u64 = fc.bigInt({ min: 0n, max: 2n ** 64n - 1n });
const i64 = fc.bigInt({ min: 0n, max: 2n ** 63n - 1n });
const position = fc.record({ txId: u64, position: i64 });

describe('LogPosition', () => {
  it('formats fixed-width and parses back', () => {
    expect(LogPosition.format({ txId: 742n, position: 15n })).toBe('00000000000000000742:00000000000000000015');
    expect(LogPosition.parse('00000000000000000742:00000000000000000015')).toEqual({ txId: 742n, position: 15n });
    expect(LogPosition.parse('742:15')).toEqual({ txId: 742n, position: 15n });
    expect(LogPosition.format(LogPosition.start)).toBe(`${'0'.repeat(20)}:${'0'.repeat(20)}`);
  });

  it('round-trips every position, including ones past 2^53', () => {
    fc.assert(
      fc.property(position, (p) => {
        expect(LogPosition.parse(LogPosition.format(p))).toEqual(p);
      }),
    );
  });

  it('orders formatted strings exactly as the (transaction, position) tuples', () => {
    fc.assert(
      fc.property(position, position, (a, b) => {
        const [fa, fb] = [LogPosition.format(a), LogPosition.format(b)];
        const byString = fa < fb ? -1 : fa > fb ? 1 : 0;
        expect(byString).toBe(LogPosition.compare(a, b));
      }),
    );
    // The case a numeric-unaware order gets wrong: 9 < 10.
    expect(LogPosition.format({ txId: 9n, position: 1n }) < LogPosition.format({ txId: 10n, position: 0n })).toBe(true);
    expect(LogPosition.format({ txId: 5n, position: 9n }) < LogPosition.format({ txId: 5n, position: 10n })).toBe(true);
  });

  it('compares transaction first, then position', () => {
    expect(LogPosition.compare({ txId: 1n, position: 99n }, { txId: 2n, position: 1n })).toBe(-1);
    expect(LogPosition.compare({ txId: 2n, position: 1n }, { txId: 2n, position: 1n })).toBe(0);
    expect(LogPosition.compare({ txId: 2n, position: 2n }, { txId: 2n, position: 1n })).toBe(1);
    expect(LogPosition.max({ txId: 3n, position: 1n }, { txId: 2n, position: 9n })).toEqual({ txId: 3n, position: 1n });
  });

  it('reads the position of a recorded event', () => {
    expect(LogPosition.of({ transactionId: '9007199254740993', globalPosition: '12' })).toEqual({
      txId: 9007199254740993n,
      position: 12n,
    });
  });

  it('rejects anything that is not two decimal numbers', () => {
    for (const bad of ['', '1', '1:', ':1', '1:2:3', '-1:2', '1:2x', ' 1:2', '1:123456789012345678901']) {
      expect(() => LogPosition.parse(bad)).toThrow(/not a log position/);
    }
  });
});
