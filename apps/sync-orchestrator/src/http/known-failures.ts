import type { KnownFailure } from '@sf/service-kit';
import { isTooMuchContention } from '../sync/conflict-retry';

/** Errors the orchestrator answers with their own status instead of a 500 (see HttpErrorFilter in @sf/service-kit). */
export const ORCHESTRATOR_KNOWN_FAILURES: readonly KnownFailure[] = [
  {
    // Contention beyond the retry budget: the client may simply retry.
    matches: isTooMuchContention,
    status: 503,
    error: 'Service Unavailable',
    message: 'Too many concurrent changes; retry',
    retryAfterSeconds: 1,
  },
];
