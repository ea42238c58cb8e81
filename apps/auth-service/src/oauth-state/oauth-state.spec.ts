import { createHmac } from 'node:crypto';
import { sameBinding, signState, verifyState } from './oauth-state';

const SECRET = Buffer.from('unit-test-state-secret-of-32-bytes!!');
const STATE = { nonce: 'n0nce-abc', firmId: 'firm-1', userId: 'user-1', region: 'eu' as const };

describe('OAuth state', () => {
  it('round-trips the binding through sign and verify', () => {
    expect(verifyState(SECRET, signState(SECRET, STATE))).toEqual({ ok: true, state: STATE });
  });

  it('holds ids only: no secret material in the value', () => {
    const value = signState(SECRET, STATE);
    const payload = JSON.parse(Buffer.from(value.split('.')[0]!, 'base64url').toString()) as Record<string, unknown>;
    expect(payload).toEqual({ v: 1, n: STATE.nonce, f: STATE.firmId, u: STATE.userId, r: 'eu' });
  });

  it('rejects a changed payload, a changed signature and another secret', () => {
    const [payload, sig] = signState(SECRET, STATE).split('.') as [string, string];
    const otherFirm = Buffer.from(
      JSON.stringify({ v: 1, n: STATE.nonce, f: 'firm-2', u: STATE.userId, r: 'eu' }),
    ).toString('base64url');
    expect(verifyState(SECRET, `${otherFirm}.${sig}`)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyState(SECRET, `${payload}.${sig.slice(0, -2)}AA`)).toEqual({ ok: false, reason: 'bad_signature' });
    expect(verifyState(Buffer.from('another-secret-of-at-least-32-bytes!!'), `${payload}.${sig}`)).toEqual({
      ok: false,
      reason: 'bad_signature',
    });
  });

  it.each([[''], ['no-dot'], ['a.b.c'], ['x'.repeat(3000)]])('rejects malformed value %#', (value) => {
    expect(verifyState(SECRET, value)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('rejects a correctly signed payload of the wrong shape', () => {
    const sign = (o: unknown): string => {
      const p = Buffer.from(JSON.stringify(o)).toString('base64url');
      return `${p}.${createHmac('sha256', SECRET).update(p).digest('base64url')}`;
    };
    expect(verifyState(SECRET, sign({ v: 1, n: 'n', f: 'f', u: 'u', r: 'mars' }))).toEqual({
      ok: false,
      reason: 'malformed',
    });
    expect(verifyState(SECRET, sign({ v: 2, n: 'n', f: 'f', u: 'u', r: 'us' }))).toEqual({
      ok: false,
      reason: 'malformed',
    });
    expect(verifyState(SECRET, sign({ v: 1, n: '', f: 'f', u: 'u', r: 'us' }))).toEqual({
      ok: false,
      reason: 'malformed',
    });
    expect(verifyState(SECRET, sign({ v: 1, n: 'n', f: 'f', u: 'u', r: 'us' }))).toEqual({
      ok: true,
      state: { nonce: 'n', firmId: 'f', userId: 'u', region: 'us' },
    });
  });

  it('compares bindings field by field', () => {
    expect(sameBinding(STATE, { firmId: 'firm-1', userId: 'user-1', region: 'eu' })).toBe(true);
    expect(sameBinding(STATE, { ...STATE, userId: 'user-2' })).toBe(false);
    expect(sameBinding(STATE, { ...STATE, region: 'us' })).toBe(false);
  });
});
