import { healthOf, modelStateOf } from './health-of';

const all = (s: 'active' | 'missing') =>
  ({
    matter: s,
    contact: s,
    calendar_entry: s,
    task: s,
    folder: s,
    document: s,
    activity: s,
  }) as const;

describe('healthOf', () => {
  it('is healthy with every model active, off with none, degraded between', () => {
    expect(healthOf(all('active'))).toBe('healthy');
    expect(healthOf(all('missing'))).toBe('off');
    expect(healthOf({ ...all('active'), task: 'expired' })).toBe('degraded');
    expect(healthOf({ ...all('missing'), matter: 'active' })).toBe('degraded');
  });
});

describe('modelStateOf', () => {
  const now = new Date('2026-12-03T12:00:00Z');
  it('reads expiry on the clock given: expired at the instant, active before', () => {
    expect(modelStateOf(undefined, now)).toBe('missing');
    expect(modelStateOf({ status: 'registering', expiresAt: null }, now)).toBe('registering');
    expect(modelStateOf({ status: 'active', expiresAt: now }, now)).toBe('expired');
    expect(modelStateOf({ status: 'active', expiresAt: new Date(now.getTime() + 1) }, now)).toBe('active');
    expect(modelStateOf({ status: 'active', expiresAt: null }, now)).toBe('active');
  });
});
