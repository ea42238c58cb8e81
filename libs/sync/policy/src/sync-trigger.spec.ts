import { isSyncTrigger, SyncTrigger } from './sync-trigger';
import { TRIGGER_PROFILES } from './trigger-profile';

describe('SyncTrigger', () => {
  it('keeps the wire names', () => {
    expect(SyncTrigger).toEqual({
      FirstLogin: 'first_login',
      Manual: 'manual',
      ProcessClick: 'process_click',
      Webhook: 'webhook',
      Schedule: 'schedule',
      Maintenance: 'maintenance',
    });
  });

  it.each(Object.values(SyncTrigger))('given %p, then isSyncTrigger is true', (value) => {
    expect(isSyncTrigger(value)).toBe(true);
  });

  it.each([['cron'], ['Manual'], [''], [42], [null], [undefined], [{ trigger: 'manual' }]])(
    'given %p, then isSyncTrigger is false',
    (value) => {
      expect(isSyncTrigger(value)).toBe(false);
    },
  );

  it('profiles: only interactive and webhook work spends the reserve; only manual cools down', () => {
    const spenders = Object.values(SyncTrigger).filter((t) => TRIGGER_PROFILES[t].spendsReserve);
    const cooled = Object.values(SyncTrigger).filter((t) => TRIGGER_PROFILES[t].hasCooldown);
    const firstOnly = Object.values(SyncTrigger).filter((t) => TRIGGER_PROFILES[t].onlyIfNeverSynced);
    const restarters = Object.values(SyncTrigger).filter((t) => TRIGGER_PROFILES[t].restartsStalled);
    expect(spenders).toEqual(['manual', 'process_click', 'webhook']);
    expect(cooled).toEqual(['manual']);
    expect(firstOnly).toEqual(['first_login', 'process_click']);
    expect(restarters).toEqual(['maintenance']);
  });
});
