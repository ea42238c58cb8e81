import { DeciderSpecification } from '@sf/testing';
import { connectionStatusOf, evolveFirmConnection, type FirmConnection } from './firm-connection';
import { MINUTE, ago, ev } from './spec-fixtures';
import type { SyncLogEvent } from './sync-log-event';

const spec = DeciderSpecification.for<FirmConnection | null, 'status', SyncLogEvent, string>(
  { decide: (_q, row) => connectionStatusOf(row), evolve: evolveFirmConnection, initialState: () => null },
  { eventsOf: () => [] },
);
const connected = (id: string, at = ago(10 * MINUTE)) =>
  ev('ClioConnected', { connectionId: id, region: 'us', clioUserId: '1', connectedBy: 'u' }, at);
const reauth = (id: string) =>
  ev('ConnectionNeedsReauth', { connectionId: id, reason: 'refresh rejected' }, ago(5 * MINUTE));
const revoked = (id: string) => ev('ConnectionRevoked', { connectionId: id, revokedBy: 'user' }, ago(4 * MINUTE));

describe('evolveFirmConnection', () => {
  it.each<[string, SyncLogEvent[], string]>([
    ['never connected', [], 'missing'],
    ['connected', [connected('c1')], 'active'],
    ['needs re-authorisation', [connected('c1'), reauth('c1')], 'needs_reauth'],
    ['revoked', [connected('c1'), revoked('c1')], 'revoked'],
    ['reconnected after a revocation', [connected('c1'), revoked('c1'), connected('c2', ago(MINUTE))], 'active'],
    [
      'a late event about a replaced connection is ignored',
      [connected('c1'), connected('c2', ago(MINUTE)), revoked('c1')],
      'active',
    ],
    ['a revocation without a connection is ignored', [revoked('c1')], 'missing'],
  ])('%s', (_name, given, status) => {
    spec.given(given).when('status').thenReturns(status);
  });
});
