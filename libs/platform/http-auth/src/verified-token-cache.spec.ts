import { AuthFailure } from './auth-failure';
import type { JwtVerifier, VerifyResult } from './jwt-verifier';
import { cachingVerifier } from './verified-token-cache';

const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);
const EXP = NOW + 300_000;
const ok: VerifyResult = { ok: true, principal: { firmId: 'firm-1', userId: 'user-1', expiresAt: new Date(EXP) } };

/** A verifier that counts its calls and answers what the test sets. */
const counting = (answer: (token: string, nowMs: number) => VerifyResult) => {
  const calls: Array<[string, number]> = [];
  const v: JwtVerifier = {
    verify: async (token, nowMs = Date.now()) => {
      calls.push([token, nowMs]);
      return answer(token, nowMs);
    },
  };
  return { v, calls };
};

const options = { leewaySeconds: 30, maxAgeMs: 60_000, maxEntries: 2 };

describe('cachingVerifier', () => {
  it('verifies an accepted token once and answers it again from memory', async () => {
    const inner = counting(() => ok);
    const v = cachingVerifier(inner.v, options);
    expect(await v.verify('a', NOW)).toEqual(ok);
    expect(await v.verify('a', NOW + 59_999)).toEqual(ok);
    expect(inner.calls).toHaveLength(1);
  });

  it('verifies again once the cached verification is older than maxAgeMs', async () => {
    const inner = counting(() => ok);
    const v = cachingVerifier(inner.v, options);
    await v.verify('a', NOW);
    await v.verify('a', NOW + 60_000);
    expect(inner.calls.map(([, at]) => at)).toEqual([NOW, NOW + 60_000]);
  });

  it('answers no later than exp plus the leeway: then the verifier gives its own reason', async () => {
    const inner = counting((_t, at) => (at < EXP + 30_000 ? ok : { ok: false, reason: AuthFailure.Expired }));
    const v = cachingVerifier(inner.v, { ...options, maxAgeMs: 3_600_000 });
    await v.verify('a', NOW);
    expect(await v.verify('a', EXP + 29_999)).toEqual(ok);
    expect(await v.verify('a', EXP + 30_000)).toEqual({ ok: false, reason: AuthFailure.Expired });
    expect(inner.calls).toHaveLength(2);
  });

  it('never answers for a moment before the verification (nbf held only from then on)', async () => {
    const inner = counting(() => ok);
    const v = cachingVerifier(inner.v, options);
    await v.verify('a', NOW);
    await v.verify('a', NOW - 1);
    expect(inner.calls).toHaveLength(2);
  });

  it('does not keep refusals', async () => {
    const inner = counting(() => ({ ok: false, reason: AuthFailure.InvalidSignature }));
    const v = cachingVerifier(inner.v, options);
    await v.verify('bad', NOW);
    await v.verify('bad', NOW);
    expect(inner.calls).toHaveLength(2);
  });

  it('keeps at most maxEntries tokens, dropping the oldest verification first', async () => {
    const inner = counting(() => ok);
    const v = cachingVerifier(inner.v, options);
    for (const t of ['a', 'b', 'c', 'b', 'a']) await v.verify(t, NOW);
    expect(inner.calls.map(([t]) => t)).toEqual(['a', 'b', 'c', 'a']);
  });
});
