import type { KnownFailure } from '@sf/service-kit';
import { isLockTimeout } from '@sf/token-vault';

/** Errors the auth service answers with their own status instead of a 500 (see HttpErrorFilter in @sf/service-kit). */
export const AUTH_KNOWN_FAILURES: readonly KnownFailure[] = [
  {
    // The firm's token lock is held by a refresh or disconnect in flight past the lock timeout.
    matches: isLockTimeout,
    status: 503,
    error: 'Service Unavailable',
    message: 'the connection is busy (a token refresh is in flight); retry',
  },
];
