import { Disposition } from './disposition';
import { errorType, retryDelayMs, settlementFor, type Outcome } from './settlement';

const policy = { baseDelayMs: 100, maxDelayMs: 1_000 };

describe('settlementFor', () => {
  it('acks handled and duplicate messages', () => {
    expect(settlementFor({ kind: 'handled', disposition: Disposition.ack }, 1, 5, policy)).toEqual({ kind: 'ack' });
    expect(settlementFor({ kind: 'duplicate' }, 3, 5, policy)).toEqual({ kind: 'ack' });
  });

  it('dead-letters an invalid envelope on its first delivery: validation failures never retry', () => {
    expect(settlementFor({ kind: 'invalid', reason: 'eventId: must be a UUID' }, 1, 5, policy)).toEqual({
      kind: 'dead',
      reason: 'invalid envelope: eventId: must be a UUID',
    });
  });

  it('retries a thrown error with exponential backoff until the last delivery, then dead-letters it', () => {
    const threw: Outcome = { kind: 'threw', errorType: 'Error' };
    expect(settlementFor(threw, 1, 4, policy)).toEqual({ kind: 'retry', delayMs: 100, reason: 'handler threw Error' });
    expect(settlementFor(threw, 3, 4, policy)).toEqual({ kind: 'retry', delayMs: 400, reason: 'handler threw Error' });
    expect(settlementFor(threw, 4, 4, policy)).toEqual({
      kind: 'dead',
      reason: 'gave up after 4 deliveries: handler threw Error',
    });
  });

  it("honours a retry disposition's own delay, and a dead disposition at once", () => {
    expect(
      settlementFor({ kind: 'handled', disposition: Disposition.retry('matter busy', 2_500) }, 1, 3, policy),
    ).toEqual({
      kind: 'retry',
      delayMs: 2_500,
      reason: 'matter busy',
    });
    expect(
      settlementFor({ kind: 'handled', disposition: Disposition.retry('matter busy') }, 3, 3, policy),
    ).toMatchObject({ kind: 'dead' });
    expect(settlementFor({ kind: 'handled', disposition: Disposition.dead('unknown job') }, 1, 3, policy)).toEqual({
      kind: 'dead',
      reason: 'unknown job',
    });
  });
});

describe('retryDelayMs', () => {
  it('doubles per attempt and stays under the cap, even for huge attempt numbers', () => {
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, policy))).toEqual([100, 200, 400, 800, 1_000]);
    expect(retryDelayMs(10_000, policy)).toBe(1_000);
  });
});

describe('errorType', () => {
  it('names the error class and code, never the message (it may carry payload values)', () => {
    const pgLike = Object.assign(new Error('Key (id)=(secret-value) already exists'), { code: '23505' });
    expect(errorType(pgLike)).toBe('Error(23505)');
    expect(errorType(new TypeError('x is secret'))).toBe('TypeError');
    expect(errorType('boom')).toBe('string');
  });
});
