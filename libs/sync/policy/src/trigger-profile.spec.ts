import { SyncTriggers } from '@sf/contracts';
import { TRIGGER_PROFILES } from './trigger-profile';

describe('TRIGGER_PROFILES', () => {
  it('profiles: only interactive and webhook work spends the reserve; only manual cools down', () => {
    const spenders = Object.values(SyncTriggers).filter((t) => TRIGGER_PROFILES[t].spendsReserve);
    const cooled = Object.values(SyncTriggers).filter((t) => TRIGGER_PROFILES[t].hasCooldown);
    const firstOnly = Object.values(SyncTriggers).filter((t) => TRIGGER_PROFILES[t].onlyIfNeverSynced);
    const restarters = Object.values(SyncTriggers).filter((t) => TRIGGER_PROFILES[t].restartsStalled);
    expect(spenders).toEqual(['manual', 'process_click', 'webhook']);
    expect(cooled).toEqual(['manual']);
    expect(firstOnly).toEqual(['first_login', 'process_click']);
    expect(restarters).toEqual(['maintenance']);
  });
});
