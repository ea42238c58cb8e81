import { describeSyncError, SyncErrorCode } from './sync-error-message';

const GENERIC = 'The last sync failed. Try again, or contact support if it keeps failing';

describe('describeSyncError', () => {
  it.each([
    [SyncErrorCode.AuthFailed, 'Clio refused our access during the last sync. Reconnect Clio to continue syncing'],
    [SyncErrorCode.RateLimited, "Clio's rate limit interrupted the last sync. Try again in a few minutes"],
    [SyncErrorCode.ClioUnavailable, 'Clio was unavailable during the last sync. Try again in a few minutes'],
    [SyncErrorCode.Stalled, 'The last sync stopped making progress. Try again'],
    [SyncErrorCode.Internal, GENERIC],
    ['some_future_code', GENERIC],
    ['ECONNRESET 10.0.0.1:443 Bearer abc', GENERIC],
    ['constructor', GENERIC],
  ])('given code %p, then "%s"', (code, expected) => {
    expect(describeSyncError(code)).toBe(expected);
  });

  it('keeps the failure-code wire names', () => {
    expect(SyncErrorCode).toEqual({
      AuthFailed: 'auth_failed',
      RateLimited: 'rate_limited',
      ClioUnavailable: 'clio_unavailable',
      Stalled: 'stalled',
      Internal: 'internal',
    });
  });
});
