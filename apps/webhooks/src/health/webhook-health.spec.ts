import { healthOf } from './webhook-health';

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
