import { decideScheduleChange, DEFAULT_SCHEDULE_SETTINGS, foldScheduleSettings } from './schedule-settings';
import type { SyncLogEvent } from '../sync-log-event';

const NOW = new Date('2026-01-15T18:00:00Z');
const cmd = (change: object) => ({
  firmId: 'firm-1',
  correlationId: 'c-1',
  causationId: null,
  eventIds: ['00000000-0000-4000-8000-000000000001'],
  change,
  changedBy: 'user-1',
});

describe('decideScheduleChange', () => {
  it('appends the whole settings after the change at the version read, and folds back to them', () => {
    const out = decideScheduleChange(cmd({ intervalMinutes: 30 }), DEFAULT_SCHEDULE_SETTINGS, 0, NOW);
    if (out.rejected) throw new Error('rejected');
    expect(out.settings).toEqual({ intervalMinutes: 30, offPeakOnly: false, paused: false });
    expect(out.appends).toHaveLength(1);
    expect(out.appends[0]).toMatchObject({ streamId: 'sync-schedule-firm-1', expected: 'no_stream' });
    const events = out.appends[0]!.events as unknown as SyncLogEvent[];
    expect(foldScheduleSettings(events)).toEqual(out.settings);
  });

  it('appends nothing when nothing changes, on a new stream or an existing one', () => {
    for (const version of [0, 3])
      expect(decideScheduleChange(cmd({ paused: false }), DEFAULT_SCHEDULE_SETTINGS, version, NOW)).toMatchObject({
        rejected: false,
        appends: [],
      });
  });

  it.each([4, 10_081, 1.5, Number.NaN])('rejects intervalMinutes %s naming the field', (v) => {
    expect(decideScheduleChange(cmd({ intervalMinutes: v }), DEFAULT_SCHEDULE_SETTINGS, 0, NOW)).toMatchObject({
      rejected: true,
      field: 'intervalMinutes',
    });
  });
});
