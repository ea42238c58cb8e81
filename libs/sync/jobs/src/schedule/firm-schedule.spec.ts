import { randomUUID } from 'node:crypto';
import type { CurrentEventData, EventType } from '@sf/contracts';
import type { SyncLogEvent } from '../sync-log-event';
import { evolveFirmSchedule, type FirmSchedule } from './firm-schedule';

const ev = <K extends EventType>(type: K, data: CurrentEventData[K], at: string): SyncLogEvent =>
  ({
    type,
    data,
    metadata: { firmId: 'f1', correlationId: randomUUID(), causationId: null, occurredAt: at },
  }) as SyncLogEvent;

const fold = (events: SyncLogEvent[]): FirmSchedule | null => events.reduce(evolveFirmSchedule, null);
const connected = ev(
  'ClioConnected',
  { connectionId: 'c1', region: 'eu', clioUserId: '1', connectedBy: 'u' },
  '2026-01-01T00:00:00.000Z',
);

describe('evolveFirmSchedule', () => {
  it('starts the schedule with the defaults on connect', () => {
    expect(fold([connected])).toMatchObject({
      connected: true,
      region: 'eu',
      settings: { intervalMinutes: 360, offPeakOnly: false, paused: false },
      startedAt: Date.parse('2026-01-01T00:00:00Z'),
    });
  });

  it('keeps settings changed before the connect, and stops on a revocation of the current connection only', () => {
    const s = fold([
      ev('SyncScheduleChanged', { intervalMinutes: 30, offPeakOnly: true, paused: false }, '2025-12-31T00:00:00.000Z'),
      connected,
      ev('ConnectionRevoked', { connectionId: 'old', revokedBy: 'clio' }, '2026-01-02T00:00:00.000Z'),
    ]);
    expect(s).toMatchObject({ connected: true, settings: { intervalMinutes: 30, offPeakOnly: true } });
    const revoked = evolveFirmSchedule(
      s,
      ev('ConnectionRevoked', { connectionId: 'c1', revokedBy: 'user' }, '2026-01-03T00:00:00.000Z'),
    );
    expect(revoked).toMatchObject({ connected: false, changedAt: Date.parse('2026-01-03T00:00:00Z') });
    expect(evolveFirmSchedule(revoked, connected)).toMatchObject({ connected: true });
  });

  it('stops on needs-reauth', () => {
    const s = fold([
      connected,
      ev('ConnectionNeedsReauth', { connectionId: 'c1', reason: 'refresh failed' }, '2026-01-02T00:00:00.000Z'),
    ]);
    expect(s?.connected).toBe(false);
  });
});
