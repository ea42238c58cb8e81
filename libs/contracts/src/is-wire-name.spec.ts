import { isClioRegion, isSyncScopeKind, isSyncTrigger } from './is-wire-name';
import { ClioRegions, SyncScopeKinds, SyncTriggers } from './wire-names';

describe('wire value sets', () => {
  it('keeps the trigger wire names', () => {
    expect(SyncTriggers).toEqual({
      firstLogin: 'first_login',
      manual: 'manual',
      processClick: 'process_click',
      webhook: 'webhook',
      schedule: 'schedule',
      maintenance: 'maintenance',
    });
  });

  it.each(Object.values(SyncTriggers))('given %p, then isSyncTrigger is true', (value) => {
    expect(isSyncTrigger(value)).toBe(true);
  });

  it.each([['cron'], ['Manual'], [''], [42], [null], [undefined], [{ trigger: 'manual' }]])(
    'given %p, then isSyncTrigger is false',
    (value) => {
      expect(isSyncTrigger(value)).toBe(false);
    },
  );

  it('narrows regions and scope kinds to their wire values only', () => {
    expect(Object.values(ClioRegions).every(isClioRegion)).toBe(true);
    expect(Object.values(SyncScopeKinds).every(isSyncScopeKind)).toBe(true);
    for (const bad of ['US', 'uk', '', null, 1, 'toString']) expect(isClioRegion(bad)).toBe(false);
    for (const bad of ['Firm', 'folder', undefined]) expect(isSyncScopeKind(bad)).toBe(false);
  });
});
