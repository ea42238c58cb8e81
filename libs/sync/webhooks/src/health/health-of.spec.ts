import { healthOfSubscriptions } from './firms-webhook-health';
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

describe('healthOfSubscriptions', () => {
  const now = new Date('2026-12-03T12:00:00Z');
  const later = new Date(now.getTime() + 60_000);
  const row = (model: string, status: 'active' | 'removed' | 'registering', expires_at: Date | null = later) => ({
    model,
    status,
    expires_at,
  });
  it('reads removed rows as absent and expiry on the clock given', () => {
    const models = ['matter', 'contact', 'calendar_entry', 'task', 'folder', 'document', 'activity'];
    expect(
      healthOfSubscriptions(
        models.map((m) => row(m, 'active')),
        now,
      ),
    ).toBe('healthy');
    expect(healthOfSubscriptions([...models.map((m) => row(m, 'active')), row('matter', 'removed')], now)).toBe(
      'healthy',
    );
    expect(healthOfSubscriptions([row('matter', 'active'), row('task', 'active', now)], now)).toBe('degraded');
    expect(healthOfSubscriptions([row('matter', 'removed'), row('task', 'registering', null)], now)).toBe('off');
    expect(healthOfSubscriptions([], now)).toBe('off');
  });
});
