import { isConcurrentWrite } from './planned-appends';

/** The command kept meeting concurrent writers for all its attempts; the caller answers "unavailable, retry". */
export class TooMuchContention extends Error {
  readonly code = 'SYNC.TOO_MUCH_CONTENTION';
  constructor(readonly attempts: number) {
    super(`gave up after ${attempts} attempts: the streams kept moving`);
    this.name = 'TooMuchContention';
  }
}

export const isTooMuchContention = (e: unknown): e is TooMuchContention =>
  typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'SYNC.TOO_MUCH_CONTENTION';

/**
 * Runs `attempt` (read, decide, append in one transaction) until it commits. A concurrent write rolls the attempt
 * back and the next one starts from a fresh read; every attempt sees what the winner committed, so under N
 * concurrent requests each loser needs one more attempt to see the winner's job.
 */
export const withConflictRetry = async <T>(maxAttempts: number, attempt: () => Promise<T>): Promise<T> => {
  for (let n = 1; n <= maxAttempts; n++) {
    try {
      return await attempt();
    } catch (e) {
      if (!isConcurrentWrite(e)) throw e;
    }
  }
  throw new TooMuchContention(maxAttempts);
};
