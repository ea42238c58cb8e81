import { FaultKind, globMatches, pickFault, validateFaultInput, type FaultPlan } from './fault-plan';
import { pickWeighted, seededRandom } from './seeded-random';

const NOW = 1_000_000;
const plan = (input: object, id = 'f1'): FaultPlan => {
  const r = validateFaultInput(input, id, NOW);
  if (!r.ok) throw new Error(r.message);
  return r.plan;
};
const api = (path: string, token?: string) => ({ path, method: 'GET', token, delivery: false });

describe('fault plans', () => {
  it('fire a limited number of times within their scope', () => {
    const p = plan({ kind: FaultKind.ServerError, path: '/api/v4/matters*', count: 2 });
    const rng = seededRandom(1);
    expect(pickFault([p], api('/api/v4/contacts.json'), NOW, rng)).toBeUndefined();
    expect(pickFault([p], api('/api/v4/matters.json'), NOW, rng)).toBe(p);
    expect(pickFault([p], api('/api/v4/matters/3.json'), NOW, rng)).toBe(p);
    expect(pickFault([p], api('/api/v4/matters.json'), NOW, rng)).toBeUndefined();
  });

  it('end after their duration on the simulator clock and respect the token scope', () => {
    const p = plan({ kind: FaultKind.RevokedToken, token: 'abc', durationMs: 1000 });
    const rng = seededRandom(1);
    expect(pickFault([p], api('/api/v4/users/who_am_i', 'other'), NOW, rng)).toBeUndefined();
    expect(pickFault([p], api('/api/v4/users/who_am_i', 'abc'), NOW + 999, rng)).toBe(p);
    expect(pickFault([p], api('/api/v4/users/who_am_i', 'abc'), NOW + 1000, rng)).toBeUndefined();
  });

  it('with a probability, replay identically for the same seed', () => {
    const run = (seed: number) => {
      const p = plan({ kind: FaultKind.Slow, probability: 0.3 });
      const rng = seededRandom(seed);
      return Array.from({ length: 200 }, () => (pickFault([p], api('/api/v4/tasks'), NOW, rng) ? 1 : 0));
    };
    const a = run(42);
    expect(run(42)).toEqual(a);
    const hits = a.reduce<number>((s, x) => s + x, 0);
    expect(hits).toBeGreaterThan(30);
    expect(hits).toBeLessThan(90);
  });

  it('keep request faults and webhook delivery faults apart', () => {
    const hook = plan({ kind: FaultKind.WebhookFailure, webhookId: 3 });
    const rng = seededRandom(1);
    expect(pickFault([hook], api('/api/v4/matters'), NOW, rng)).toBeUndefined();
    expect(pickFault([hook], { path: 'http://127.0.0.1:1/h', webhookId: 4, delivery: true }, NOW, rng)).toBeUndefined();
    expect(pickFault([hook], { path: 'http://127.0.0.1:1/h', webhookId: 3, delivery: true }, NOW, rng)).toBe(hook);
  });

  it('reject invalid input', () => {
    expect(validateFaultInput({ kind: 'nope' }, 'x', NOW).ok).toBe(false);
    expect(validateFaultInput({ kind: 'slow', probability: 2 }, 'x', NOW).ok).toBe(false);
    expect(validateFaultInput({ kind: 'server_error', status: 42 }, 'x', NOW).ok).toBe(false);
  });

  it('globs escape regex characters', () => {
    expect(globMatches('/api/v4/matters.json', '/api/v4/mattersXjson')).toBe(false);
    expect(globMatches('*', 'anything')).toBe(true);
  });
});

describe('pickWeighted', () => {
  it('never picks a zero weight', () => {
    const rng = seededRandom(7);
    const picks = Array.from({ length: 500 }, () => pickWeighted(rng, [1, 0, 3]));
    expect(picks).not.toContain(1);
    expect(picks.filter((p) => p === 2).length).toBeGreaterThan(picks.filter((p) => p === 0).length);
  });
});
